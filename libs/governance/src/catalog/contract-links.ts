/** Where the gateway publishes one contract: its files and its Swagger UI page. */
export interface ContractLinks {
  contractYaml: string;
  contractJson: string;
  docs: string;
}

/** Major version of a semantic version string (1.4.0: 1); NaN when malformed. */
export function majorOf(version: string): number {
  return Number(/^(\d+)\./.exec(version)?.[1] ?? Number.NaN);
}

export function contractLinks(apiId: string, major: number): ContractLinks {
  return {
    contractYaml: `/contracts/${apiId}/v${major}.yaml`,
    contractJson: `/contracts/${apiId}/v${major}.json`,
    docs: `/docs/${apiId}/v${major}`,
  };
}
