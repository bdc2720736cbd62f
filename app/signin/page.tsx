import Link from "next/link";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/SignInForm";
import { getConfig } from "@/server/runtime";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <div className="page narrow">
      <h1>Sign in</h1>
      <Suspense>
        <SignInForm
          githubEnabled={getConfig().github !== null}
          demoHint={getConfig().demoLoginAllowed}
        />
      </Suspense>
      <p>
        New here? <Link href="/signup">Create an account</Link>.
      </p>
    </div>
  );
}
