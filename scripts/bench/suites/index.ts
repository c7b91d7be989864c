// Every benchmark suite, in the order the table shows them. Add a suite file here.
import type { Suite } from '../suite';
import { suite as cba } from './cba';
import { suite as convert } from './convert';
import { suite as delivery } from './delivery';
import { suite as editing } from './editing';
import { suite as engine } from './engine';
import { suite as foundation } from './foundation';
import { suite as hostile } from './hostile';
import { suite as maps } from './maps';
import { suite as packs } from './packs';
import { suite as pack_pictures } from './pack-pictures';
import { suite as project_files } from './project-files';
import { suite as reliability } from './reliability';
import { suite as workshop } from './workshop';
import { suite as years } from './years';

export const SUITES: Suite[] = [foundation, delivery, engine, packs, workshop, editing, reliability, hostile, convert, years, maps, pack_pictures, cba, project_files];
