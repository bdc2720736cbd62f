import Link from "next/link";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { ApiKeyPanel } from "@/components/auth/ApiKeyPanel";
import { SignOutEverywhere } from "@/components/auth/SignOutEverywhere";
import { authOptions } from "@/server/auth";

export const dynamic = "force-dynamic";
export const metadata = { title: "Your account" };

export default async function AccountPage() {
  const session = await getServerSession(authOptions());
  if (!session) redirect("/signin?callbackUrl=/account");
  return (
    <div className="page narrow">
      <h1>@{session.user.handle}</h1>
      <p>
        <Link href={`/users/${session.user.handle}`}>Your public page</Link>
      </p>
      <ApiKeyPanel />
      <SignOutEverywhere />
    </div>
  );
}
