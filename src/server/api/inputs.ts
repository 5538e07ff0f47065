import "server-only";
import { z } from "zod";
import { roles } from "@/lib/roles";

// Shared input pieces, with bounds so huge strings are refused before any work.
export const idInput = z.string().min(1).max(64);
export const nameInput = z.string().trim().min(1, "Name is required").max(100, "Name is too long (100 characters at most)");
export const emailInput = z.string().trim().max(254, "Email is too long").pipe(z.email("Enter a valid email address"));
export const roleInput = z.enum(roles);

/**
 * A query-string parameter holding JSON (REST's `?filter=<json>`), or the
 * value itself from tRPC: parsed, then validated by `schema`.
 */
export function jsonParam<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "expected JSON" });
      return z.NEVER;
    }
  }, schema);
}
