"use client";

import { createContext, startTransition, useActionState, useContext, useEffect, useId, useRef } from "react";
import type { ActionState } from "@/trpc/server";
import { cn } from "@/lib/utils";

export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

type ActionFormContext = { id: string; state: ActionState; pending: boolean };

const Context = createContext<ActionFormContext | null>(null);

/** The state of the enclosing ActionForm: its last result and whether it is submitting. */
export function useActionForm(): ActionFormContext {
  const value = useContext(Context);
  if (!value) throw new Error("useActionForm must be used inside <ActionForm>");
  return value;
}

type ActionFormProps = Omit<React.ComponentProps<"form">, "action" | "onSubmit"> & {
  action: FormAction;
  /** Clear the inputs after a successful submit (default true). */
  resetOnSuccess?: boolean;
};

/**
 * A form bound to a server action through useActionState. Without JavaScript
 * it posts as a plain form; with it, it submits in a transition so the typed
 * values survive an error (React would otherwise reset the form), and fields
 * read their error from the result by input name.
 */
export function ActionForm({ action, resetOnSuccess = true, className, children, ...props }: ActionFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = useId();
  const ref = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state.ok && resetOnSuccess) ref.current?.reset();
  }, [state, resetOnSuccess]);

  return (
    <Context.Provider value={{ id, state, pending }}>
      <form
        ref={ref}
        action={formAction}
        onSubmit={(event) => {
          event.preventDefault();
          const submitter = (event.nativeEvent as SubmitEvent).submitter;
          const formData = new FormData(event.currentTarget, submitter);
          startTransition(() => formAction(formData));
        }}
        aria-busy={pending || undefined}
        className={cn(className)}
        {...props}
      >
        {children}
      </form>
    </Context.Provider>
  );
}
