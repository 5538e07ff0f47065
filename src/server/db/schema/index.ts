export * from "./users";
export * from "./sessions";
export * from "./workspaces";
export * from "./workspace-members";
export * from "./bases";
export * from "./api-tokens";
export * from "./audit-log";
