import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumPath, renderPdf } from '../../../main/core/report/report-pdf';
import { WarRoomError } from '../../../contract/domain/errors';

test('without Chromium, PDF export says what to install, and nothing else breaks', async () => {
  assert.equal(chromiumPath({ WARROOM_CHROMIUM: '/nowhere/chromium' }, ['/nowhere/else']), null);
  await assert.rejects(
    renderPdf('<p>report</p>', () => null),
    (error: unknown) => {
      assert.ok(error instanceof WarRoomError);
      assert.equal(error.code, 'refused');
      assert.match(
        error.message,
        /PDF export needs Chromium, and none is installed\. Install it \(Debian\/Ubuntu: apt-get install chromium\) or set WARROOM_CHROMIUM/,
      );
      assert.match(error.message, /Markdown and HTML export work without it/);
      return true;
    },
  );
});

test('WARROOM_CHROMIUM wins over the system paths when it exists', () => {
  assert.equal(chromiumPath({ WARROOM_CHROMIUM: process.execPath }, ['/nowhere']), process.execPath);
  assert.equal(chromiumPath({}, ['/nowhere', process.execPath]), process.execPath);
});
