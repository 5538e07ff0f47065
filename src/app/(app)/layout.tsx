import { TRPCReactProvider } from "@/trpc/react";

/** Signed-in pages: client components below may use the typed tRPC hooks (`useTRPC`). */
export default function AppGroupLayout({ children }: { children: React.ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
