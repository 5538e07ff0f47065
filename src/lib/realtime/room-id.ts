// One Liveblocks room per table. The workspace is in the id so the auth
// endpoint can check membership without trusting anything else the client says.
export function tableRoomId(workspaceId: string, tableId: string): string {
  return `${workspaceId}:table:${tableId}`;
}

export function parseTableRoomId(roomId: string): { workspaceId: string; tableId: string } | null {
  const match = /^([^:]{1,64}):table:([^:]{1,64})$/.exec(roomId);
  return match ? { workspaceId: match[1]!, tableId: match[2]! } : null;
}
