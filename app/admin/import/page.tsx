import type { Metadata } from "next";
import { ImportForm } from "@/components/admin/ImportForm";
import { serverCaller } from "@/server/trpc/serverCaller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import a thread" };

export default async function ImportPage() {
  const api = await serverCaller();
  const me = await api.account.me().catch(() => null);
  return (
    <div className="page narrow">
      <h1>Import a thread</h1>
      <p>
        Turns a discussion exported from a forum (a list of comments with ids, parent ids, authors,
        dates and bodies) or a Cruxible export into a new debate. The accepted fields are listed in
        the <a href="/api-docs">API documentation</a> under <code>POST /debates/import</code>.
        Larger files: <code>npm run cli -- debate:import &lt;file&gt; --slug &lt;slug&gt;</code>.
      </p>
      {me?.isAdmin ? (
        <ImportForm />
      ) : (
        <p className="muted">Only admins import debates. Sign in with an admin account.</p>
      )}
    </div>
  );
}
