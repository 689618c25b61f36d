// Prints a plain "N passed, N failed" line at the end of a run: the CI harness reads it. Before it, the
// slowest test files of a full run (CI's whole budget is 90 minutes for three runs: where the time goes).
import type { Reporter, TestModule } from 'vitest/node';

const SLOWEST = 12;

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    for (const mod of testModules) {
      let failedHere = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
      }
      // a file that failed with no failed test (an import error, a failing beforeAll that skipped its
      // tests) is one failure, never a silent pass
      if (mod.state() === 'failed' && failedHere === 0) failedHere = 1;
      failed += failedHere;
    }
    if (testModules.length > 20) process.stdout.write(slowest(testModules));
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  }
}

function slowest(modules: ReadonlyArray<TestModule>): string {
  const rows = modules
    .map((m) => ({ file: m.moduleId.replace(process.cwd() + '/', ''), ms: m.diagnostic().duration }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, SLOWEST);
  const total = modules.reduce((s, m) => s + m.diagnostic().duration, 0);
  return `\nslowest test files (of ${Math.round(total / 1000)} s in all files):\n${rows.map((r) => `  ${(r.ms / 1000).toFixed(1).padStart(7)} s  ${r.file}`).join('\n')}\n`;
}
