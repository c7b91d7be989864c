// What a window shows of the open project, and where its files go.
import { basename, join } from 'node:path';
import type { ProjectInfo } from '../../../shared/contract/methods';
import type { ReferenceSource } from '../../../shared/domain/reference';
import { projectLineCounts } from '../budgets/lines-store';
import { listNeighbourhoods } from '../neighbourhoods/service';
import type { Project } from './project';

export function projectsFolder(dataDir: string): string {
  return join(dataDir, 'projects');
}

/** A file name that is safe on Windows, macOS and Linux. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 120);
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
  return !cleaned || reserved.test(cleaned) ? `Project ${cleaned}`.trim() : cleaned;
}

/** The project's line count, partner count and Σ amount (the window's title bar). */
export function projectCounts(project: Project): { lines: number; partners: number; totalPence: number } {
  return projectLineCounts(project.db);
}

export function projectInfo(project: Project): ProjectInfo {
  const s = project.settings();
  const counts = projectCounts(project);
  return {
    path: project.path,
    fileName: basename(project.path),
    name: s.name,
    ladCode: s.ladCode,
    ladName: s.ladName,
    year: s.year,
    packId: s.packId,
    packTitle: s.packTitle,
    wards: project.wards().length,
    lines: counts.lines,
    partners: counts.partners,
    totalPence: counts.totalPence,
    neighbourhoods: listNeighbourhoods(project),
    sources: JSON.parse(s.packSources) as ReferenceSource[],
  };
}

