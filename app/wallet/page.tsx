import Link from "next/link";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { RelativeTime } from "@/components/RelativeTime";
import { authOptions } from "@/server/auth";
import { serverCaller } from "@/server/trpc/serverCaller";

export const dynamic = "force-dynamic";
export const metadata = { title: "Wallet" };

async function loadWallet() {
  const session = await getServerSession(authOptions());
  if (!session) redirect("/signin?callbackUrl=/wallet");
  return (await serverCaller()).bets.wallet();
}

export default async function WalletPage() {
  const wallet = await loadWallet();
  return (
    <div className="page narrow">
      <h1>Wallet</h1>
      <dl className="facts big-facts">
        <dt>Balance</dt>
        <dd>{wallet.balance.toLocaleString("en")} credits</dd>
        <dt>Locked in offers and bets</dt>
        <dd>{wallet.locked.toLocaleString("en")} credits</dd>
        {wallet.debt > 0 && (
          <>
            <dt>You owe</dt>
            <dd className="debit">{wallet.debt.toLocaleString("en")} credits</dd>
          </>
        )}
      </dl>
      {wallet.debt > 0 && (
        <p className="notice" role="status">
          An admin undid a resolution that had paid you, after you had already spent those winnings,
          so the payout was taken back as a debt (the entries marked “owed” below). The next credits
          you receive, from refunds, cancelled offers or winnings, repay it first. Until it is
          repaid you can forecast but not offer or take bets.
        </p>
      )}
      <h2>Every entry</h2>
      <table className="forecast-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">Credits</th>
          </tr>
        </thead>
        <tbody>
          {wallet.entries.map((e) => (
            <tr key={`${e.transactionId}-${e.account}-${e.amount}`}>
              <td>
                <RelativeTime iso={e.at} />
              </td>
              <td>
                {e.cruxId !== null ? <Link href={`/cruxes/${e.cruxId}`}>{e.memo}</Link> : e.memo}
                <span className="muted small">
                  {" "}
                  ({e.kind}
                  {e.account === "debt" ? ", owed" : ""})
                </span>
              </td>
              <td className={e.amount > 0 ? "credit" : "debit"}>
                {e.amount > 0 ? `+${e.amount}` : e.amount}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
