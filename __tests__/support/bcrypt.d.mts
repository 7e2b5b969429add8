/** bcrypt ('$2b$') hash for htpasswd files. Test-only. */
export function bcryptHash(
  password: string,
  cost?: number,
  salt?: Buffer
): string
