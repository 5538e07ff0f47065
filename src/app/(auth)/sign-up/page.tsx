import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { TextField } from "@/components/action-form/text-field";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { redirectIfSignedIn } from "@/app/_lib/session";
import { signUpAction } from "../actions";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage() {
  await redirectIfSignedIn();
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold">Create your account</h1>
        <CardDescription>Start a workspace and invite your team.</CardDescription>
      </CardHeader>
      <CardContent>
        <ActionForm action={signUpAction} resetOnSuccess={false} className="grid gap-4">
          <TextField name="name" label="Name" autoComplete="name" required maxLength={100} autoFocus />
          <TextField name="email" label="Email" type="email" autoComplete="email" required maxLength={254} />
          <TextField
            name="password"
            label="Password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={256}
            description="At least 8 characters."
          />
          <FormError />
          <SubmitButton className="w-full">Create account</SubmitButton>
        </ActionForm>
        <p className="mt-6 text-center text-sm text-muted-foreground">
          Already have an account?{" "}
          <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
