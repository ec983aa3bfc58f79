/** The Authorization header benches send; until the API requires tokens there is none. */
export async function benchAuthorization(_dataDir: string): Promise<string | undefined> {
  return undefined;
}
