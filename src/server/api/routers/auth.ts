import "server-only";
import { z } from "zod";
import { createSession, invalidateSession, invalidateUserSessions, sessionCookie, blankSessionCookie } from "../../auth/session";
import { getUser } from "../../services/auth/get-user";
import { signIn } from "../../services/auth/sign-in";
import { signUp } from "../../services/auth/sign-up";
import { authedProcedure, createTRPCRouter, publicProcedure, type Context } from "../trpc";
import { emailInput, nameInput } from "../inputs";

const passwordInput = z
  .string()
  .min(8, "Password must be at least 8 characters")
  .max(256, "Password is too long (256 characters at most)");

async function startSession(ctx: Context, userId: string) {
  const { token, expiresAt } = await createSession(ctx.db, userId);
  ctx.responseCookies.push(sessionCookie(token, expiresAt, ctx.request.secure));
}

export const authRouter = createTRPCRouter({
  signUp: publicProcedure
    .input(z.object({ email: emailInput, password: passwordInput, name: nameInput }))
    .mutation(async ({ ctx, input }) => {
      const user = await signUp(ctx.db, input);
      await startSession(ctx, user.id);
      return { user };
    }),

  signIn: publicProcedure
    .input(z.object({ email: z.string().max(254), password: z.string().max(256) }))
    .mutation(async ({ ctx, input }) => {
      const user = await signIn(ctx.db, { ...input, ip: ctx.request.ip });
      await startSession(ctx, user.id);
      return { user };
    }),

  /** Ends this session server-side; `all` ends every session of the user. */
  signOut: publicProcedure
    .input(z.object({ all: z.boolean().optional() }).optional())
    .mutation(async ({ ctx, input }) => {
      if (ctx.actor.kind === "user") {
        if (input?.all) await invalidateUserSessions(ctx.db, ctx.actor.user.id);
        else await invalidateSession(ctx.db, ctx.actor.sessionId);
      }
      ctx.responseCookies.push(blankSessionCookie(ctx.request.secure));
    }),

  /** The signed-in user, or for an API token the user who created it. */
  me: authedProcedure.query(async ({ ctx }) => {
    if (ctx.actor.kind === "user") return { user: ctx.actor.user };
    return { user: await getUser(ctx.db, ctx.auditActor.userId!) };
  }),
});
