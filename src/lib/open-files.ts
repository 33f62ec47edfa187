// The process's open-file limit, read where Linux shows it; null elsewhere or when unreadable.
import { readFileSync } from "node:fs";

export function openFilesLimit(limits = readLimits()): number | null {
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(limits ?? "")?.[1];
  if (soft === undefined) return null;
  return soft === "unlimited" ? Infinity : Number(soft);
}

function readLimits(): string | null {
  try {
    return readFileSync("/proc/self/limits", "utf8");
  } catch {
    return null;
  }
}
