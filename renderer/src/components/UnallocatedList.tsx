// Lines that could not be allocated, each with why: listed, never counted as zero.
export function UnallocatedList({ items }: { items: readonly { ref: string; reason: string }[] }) {
  if (!items.length) return null;
  return (
    <div className="unallocated" role="alert">
      <strong>Not allocated, not counted:</strong>
      <ul>
        {items.map((u) => (
          <li key={u.ref}>
            <code>{u.ref}</code>: {u.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
