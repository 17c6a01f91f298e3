/** Scopes an API token may carry. Each module adds the scopes of its token-callable routes here. */
export const TOKEN_SCOPES = [
  {
    scope: "identity:read",
    description: "读取行政区划、部门和组织目录",
    descriptionEn: "Read divisions, departments and the organisation directory",
  },
  {
    scope: "exchange:query",
    description: "通过共享交换网关查询数据资源、发起授权请求（须有共享协议）",
    descriptionEn:
      "Query data resources through the exchange gateway and ask for consent (under an agreement)",
  },
  {
    scope: "requests:submit",
    description: "代市民提交诉求（接诉即办）",
    descriptionEn: "File citizens' requests (接诉即办) on their behalf",
  },
  {
    scope: "metrics:read",
    description: "读取 Prometheus 运行指标",
    descriptionEn: "Scrape Prometheus metrics",
  },
] as const;

export type TokenScope = (typeof TOKEN_SCOPES)[number]["scope"];
export const TOKEN_SCOPE_NAMES: readonly string[] = TOKEN_SCOPES.map((s) => s.scope);
