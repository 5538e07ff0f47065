import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { TextField } from "@/components/action-form/text-field";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { redirectIfSignedIn } from "@/app/_lib/session";
import { signInAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  await redirectIfSignedIn();
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold">Sign in</h1>
        <CardDescription>Welcome back to Tessera.</CardDescription>
      </CardHeader>
      <CardContent>
        <ActionForm action={signInAction} resetOnSuccess={false} className="grid gap-4">
          <TextField name="email" label="Email" type="email" autoComplete="email" required autoFocus />
          <TextField name="password" label="Password" type="password" autoComplete="current-password" required />
          <FormError />
          <SubmitButton className="w-full">Sign in</SubmitButton>
        </ActionForm>
        <p className="mt-6 text-center text-sm text-muted-foreground">
          No account yet?{" "}
          <Link href="/sign-up" className="font-medium text-primary underline-offset-4 hover:underline">
            Sign up
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
