// A programme's area as data: a province (2-digit code), a city (4) or a county (6), and the words
// an office's documents use for it (全区 / 全省 / 全市 / 全县, and the organiser). No area is
// written into the code: the programme names its area, the registry its name. Pure.
import { ValidationError } from './errors.js';
import { message } from './messages/index.js';

export type AreaLevel = 'province' | 'city' | 'county';

/** A province (2 digits), a city (4) or a county (6). */
export const AREA_CODE = /^(\d{2}|\d{4}|\d{6})$/;

export function levelOf(code: string): AreaLevel {
  if (!AREA_CODE.test(code)) throw new RangeError(`not an area code: ${code}`);
  return code.length === 2 ? 'province' : code.length === 4 ? 'city' : 'county';
}

/** Whether `code` (an area, a township or a community) lies in `area`, or is it. */
export const inArea = (area: string, code: string): boolean => code.length >= area.length && code.startsWith(area);

/** How an office's documents name an area (they are Chinese: bulletins, summaries, yearly summaries). */
export interface AreaWords {
  /** The whole area: 全区, 全省, 全市, 全县. */
  whole: string;
  /** Its office as an organiser: 自治区, 省, 市, 县. */
  organiser: string;
  /** The units its map and tables list: 县（市、区） under a province or a city, 乡镇（街道） under a county. */
  children: string;
}

/**
 * The words for an area, from its level and its name (the registry's): a province named …自治区 is
 * 全区 and 自治区, a municipality (…市) 全市 and 市, any other 全省 and 省; a city 全市; a county-level
 * unit by the last character of its name (龙泉市 全市, 烈山区 全区, 旗 全旗, any other 全县).
 */
export function areaWords(code: string, name: string): AreaWords {
  const level = levelOf(code);
  if (level === 'county') {
    const unit = ['市', '区', '旗'].find((u) => name.endsWith(u)) ?? '县';
    return { whole: `全${unit}`, organiser: unit, children: '乡镇（街道）' };
  }
  const children = '县（市、区）';
  if (level === 'city' || name.endsWith('市')) return { whole: '全市', organiser: '市', children };
  return name.endsWith('自治区') ? { whole: '全区', organiser: '自治区', children } : { whole: '全省', organiser: '省', children };
}

/** The programme's root area as the checks name it: its code and its words. */
export interface RootArea {
  code: string;
  words: AreaWords;
}

/**
 * An area a reader asks about (a trend, a retention view): the root itself, or a city or a county
 * under it; else a 400 naming what it may be.
 */
export function checkArea(code: string, root: RootArea): string {
  const ok = code === root.code || (/^(\d{4}|\d{6})$/.test(code) && code.length > root.code.length && inArea(root.code, code));
  if (!ok) throw new ValidationError(message('area.format', { area: root.code }));
  return code;
}
