import Link from "next/link";

export default function NotFound() {
  return (
    <div className="page narrow">
      <h1>Not found</h1>
      <p>
        There is nothing at this address. <Link href="/">See all debates</Link>.
      </p>
    </div>
  );
}
