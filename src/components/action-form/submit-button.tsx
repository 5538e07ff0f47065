"use client";

import { LoaderCircle } from "lucide-react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { useActionForm } from "./action-form";

/** Disabled with a spinner while its ActionForm is submitting. */
export function SubmitButton({ children, disabled, ...props }: Omit<ButtonProps, "type" | "asChild">) {
  const { pending } = useActionForm();
  return (
    <Button type="submit" disabled={pending || disabled} {...props}>
      {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : null}
      {children}
    </Button>
  );
}
