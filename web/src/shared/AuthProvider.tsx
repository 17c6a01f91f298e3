import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, api, onUnauthorized, rememberCsrfToken } from "./api";
import type { Me, SessionResponse } from "./api-types";

export type AuthState =
  | { status: "loading" }
  | { status: "signed-out"; deliberately?: boolean }
  | { status: "error"; error: ApiError }
  | { status: "signed-in"; me: Me };

export interface Auth {
  state: AuthState;
  /** Signs in; resolves with the account or rejects with ApiError. */
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  /** Re-reads /api/me (after the account changed). */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

async function loadMe(): Promise<AuthState> {
  try {
    const me = await api<Me>("/api/me");
    rememberCsrfToken(me.csrfToken);
    return { status: "signed-in", me };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return { status: "signed-out" };
    }
    return {
      status: "error",
      error:
        error instanceof ApiError ? error : new ApiError({ type: "about:blank", title: "Error", status: 0 }),
    };
  }
}

/** Holds who is signed in, read from GET /api/me at start-up. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "loading" });

  const refresh = useCallback(async () => {
    setState(await loadMe());
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Any 401 means the session ended (expired or revoked elsewhere).
  useEffect(
    () =>
      onUnauthorized(() => {
        rememberCsrfToken(null);
        setState({ status: "signed-out" });
      }),
    [],
  );

  const signIn = useCallback(async (username: string, password: string) => {
    const session = await api<SessionResponse>("/api/session", {
      method: "POST",
      body: { username, password },
    });
    rememberCsrfToken(session.csrfToken);
    setState({ status: "signed-in", me: session.account });
    return session.account;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api<void>("/api/session", { method: "DELETE" });
    } finally {
      rememberCsrfToken(null);
      setState({ status: "signed-out", deliberately: true });
    }
  }, []);

  const value = useMemo<Auth>(() => ({ state, signIn, signOut, refresh }), [state, signIn, signOut, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session: state and sign-in/out actions. */
export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) {
    throw new Error("useAuth must be used inside <AuthProvider>");
  }
  return value;
}

/** The signed-in account; only call below a route that requires sign-in. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== "signed-in") {
    throw new Error("useMe called while not signed in");
  }
  return state.me;
}
