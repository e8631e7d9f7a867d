import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appShortcut } from '../../../renderer/src/app/app-shortcuts';
import { VIEWS } from '../../../renderer/src/app/views';

const key = (code: string, keyText: string, extra: Partial<{ altKey: boolean; ctrlKey: boolean; shiftKey: boolean }> = {}) => ({
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  code,
  key: keyText,
  ...extra,
});

test('Alt+1..Alt+9 and Alt+0 reach every view, by physical key and by character', () => {
  assert.equal(VIEWS.length, 10, 'a view beyond the tenth needs another shortcut');
  VIEWS.forEach((view, index) => {
    const digit = String((index + 1) % 10);
    assert.deepEqual(appShortcut(key(`Digit${digit}`, '¡')), { kind: 'view', view: view.id }, `Digit${digit}`);
    assert.deepEqual(appShortcut(key('', digit)), { kind: 'view', view: view.id }, `key ${digit}`);
  });
  assert.equal(appShortcut(key('Digit1', '1', { ctrlKey: true })), undefined);
  assert.equal(appShortcut(key('Digit1', '1', { altKey: false })), undefined);
  assert.deepEqual(appShortcut(key('KeyN', 'n')), { kind: 'quick-add' });
});
