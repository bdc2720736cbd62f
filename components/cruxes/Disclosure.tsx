"use client";

import { useId, useState, type ReactNode } from "react";

/**
 * A button that shows or hides a form most viewers don't use (offer a bet, propose a resolution,
 * add evidence). A real <button> with aria-expanded, so Enter and Space work and screen readers
 * hear whether it is open.
 */
export function Disclosure({
  label,
  children,
  className,
}: {
  label: string;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className={`disclosure ${className ?? ""}`}>
      <button
        type="button"
        className="secondary disclosure-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">{open ? "▾" : "▸"}</span> {label}
      </button>
      <div id={id} hidden={!open}>
        {open && children}
      </div>
    </div>
  );
}
