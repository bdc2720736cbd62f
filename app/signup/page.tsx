import Link from "next/link";
import { SignUpForm } from "@/components/auth/SignUpForm";

export const metadata = { title: "Sign up" };

export default function SignUpPage() {
  return (
    <div className="page narrow">
      <h1>Create an account</h1>
      <SignUpForm />
      <p>
        Have an account? <Link href="/signin">Sign in</Link>.
      </p>
    </div>
  );
}
