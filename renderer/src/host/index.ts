import { browserHost } from './browser';
import { electronHost } from './electron';
import type { Host } from './host';

export function currentHost(): Host {
  return window.counter ? electronHost(window.counter) : browserHost();
}
export type { Host };
