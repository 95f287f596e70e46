/**
 * What a transport (IPC bridge or HTTP host) hands the dispatcher: where the caller's session token lives.
 * The token never reaches renderer JavaScript: the HTTP host keeps it in an HttpOnly cookie,
 * the Electron shell keeps it in the main process per window.
 */
export interface SessionHolder {
  token: string | null;
  setToken(token: string | null): void;
}

export function memorySessionHolder(initial: string | null = null): SessionHolder {
  const holder: SessionHolder = {
    token: initial,
    setToken(token) {
      holder.token = token;
    },
  };
  return holder;
}
