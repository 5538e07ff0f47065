import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { users } from "../../db/schema";
import { notFound } from "../../errors";
import type { SessionUser } from "../../auth/session";

export async function getUser(db: Db, userId: string): Promise<SessionUser> {
  const [user] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
  if (!user) throw notFound("User");
  return user;
}
