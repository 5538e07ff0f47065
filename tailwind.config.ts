import type { Config } from "tailwindcss";

// Tailwind 4 is configured in CSS (src/app/globals.css loads this with @config);
// this file holds the theme extensions shared by shadcn/ui components.
export default {
  content: ["./src/**/*.{ts,tsx}"],
  theme: {
    extend: {
      borderRadius: { lg: "0.5rem", md: "0.375rem", sm: "0.25rem" },
    },
  },
} satisfies Config;
