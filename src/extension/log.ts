import * as vscode from 'vscode';

/** The extension's log: the full text goes to a LogOutputChannel, never personal data. */
export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel('Privacy Lens', { log: true });
  }

  /** Logs an error in full and tells the user in one line, with a button to open the log. */
  async showError(summary: string, error?: unknown): Promise<void> {
    this.channel.error(`${summary}${error ? `: ${describe(error)}` : ''}`);
    const choice = await vscode.window.showErrorMessage(`Privacy Lens: ${summary}`, 'Open Output');
    if (choice === 'Open Output') this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** An error's message and stack, for the log only. */
export function describe(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
}
