export const basePath = (workspaceId: string, baseId: string) => `/w/${workspaceId}/b/${baseId}`;

export const tablePath = (workspaceId: string, baseId: string, tableId: string) => `${basePath(workspaceId, baseId)}/t/${tableId}`;
