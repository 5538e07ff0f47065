/** What a member who may not manage connections sees instead of them (the server refuses them too). */
export function ManagersOnly({ workspaceName }: { workspaceName: string }) {
  return (
    <div className="grid gap-2">
      <h1 className="text-2xl font-semibold tracking-tight">Connections</h1>
      <p className="text-muted-foreground">
        Only owners and admins of {workspaceName} manage connections to external databases. Ask one of them if you need a table from one.
      </p>
    </div>
  );
}
