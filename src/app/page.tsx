import Link from "next/link";
import { Database, Lock, Table2 } from "lucide-react";
import { Logo } from "@/components/logo";
import { Button } from "@/components/ui/button";
import { redirectIfSignedIn } from "./_lib/session";

const features = [
  { icon: Table2, title: "Tables your team can shape", text: "Typed fields, views and forms over real PostgreSQL tables." },
  { icon: Database, title: "The databases you already have", text: "Browse and edit PostgreSQL, MySQL and MongoDB in the same views." },
  { icon: Lock, title: "One permission model", text: "Roles, field and row rules that hold in the grid, the API and exports." },
];

export default async function LandingPage() {
  await redirectIfSignedIn();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-5xl items-center justify-between gap-4 px-4 py-4 sm:px-6">
        <Logo />
        <nav aria-label="Account" className="flex items-center gap-2">
          <Button asChild variant="ghost" size="sm">
            <Link href="/sign-in">Sign in</Link>
          </Button>
          <Button asChild size="sm">
            <Link href="/sign-up">Sign up</Link>
          </Button>
        </nav>
      </header>
      <main className="mx-auto flex w-full max-w-5xl flex-1 flex-col justify-center px-4 py-16 sm:px-6">
        <h1 className="max-w-3xl text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
          Spreadsheet databases and the databases you already have, together.
        </h1>
        <p className="mt-5 max-w-2xl text-lg text-muted-foreground text-pretty">
          Tessera gives your team one place to build tables, views and dashboards, with one permission model and one
          audit trail over everything.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Button asChild size="lg">
            <Link href="/sign-up">Create an account</Link>
          </Button>
          <Button asChild size="lg" variant="outline">
            <Link href="/sign-in">Sign in</Link>
          </Button>
        </div>
        <ul className="mt-16 grid gap-6 sm:grid-cols-3">
          {features.map(({ icon: Icon, title, text }) => (
            <li key={title} className="rounded-lg border border-border p-5">
              <Icon aria-hidden className="size-5 text-primary" />
              <h2 className="mt-3 font-medium">{title}</h2>
              <p className="mt-1 text-sm text-muted-foreground">{text}</p>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
