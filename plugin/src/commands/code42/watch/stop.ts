import { Messages } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { runWatchCommand, watchFlags } from '../../../watch/command.js';
import type { WatchResult } from '../../../watch/watch.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.watch');

export type { WatchResult } from '../../../watch/watch.js';

export default class WatchStop extends SfCommand<WatchResult> {
  public static readonly summary = messages.getMessage('stop.summary');
  public static readonly description = messages.getMessage('stop.description');
  public static readonly examples = messages.getMessages('stop.examples');
  public static readonly enableJsonFlag = true;
  public static readonly flags = watchFlags;

  public async run(): Promise<WatchResult> {
    return runWatchCommand('stop', this, () => this.parse(WatchStop));
  }
}
