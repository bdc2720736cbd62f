import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: number; handle: string; name?: string | null };
  }
  interface User {
    handle?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    handle?: string;
    /** This session's id, set at sign-in (signing out revokes it). */
    sid?: string;
    /** When this session began (epoch ms). */
    authAt?: number;
  }
}
