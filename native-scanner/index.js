'use strict';
// Loads the compiled addon (prebuilds/ first, then build/Release) through node-gyp-build.
// A missing or broken build is reported as an Error with code ADDON_MISSING and a message
// in Vietnamese then English, never as a crash: the app still runs with eSCL and demo scanners.
const nodeGypBuild = require('node-gyp-build');

const MESSAGE =
  'Thiếu mô-đun máy quét (native-scanner): hãy chạy "npm run build:scanner" hoặc cài lại ứng dụng. ' +
  '/ The scanner module (native-scanner) is missing: run "npm run build:scanner" or reinstall the app.';

function loadScannerAddon(dir) {
  const from = dir || process.env.TIEPNHAN_SCANNER_ADDON_DIR || __dirname;
  try {
    return nodeGypBuild(from);
  } catch (cause) {
    const error = new Error(`${MESSAGE} (${from}: ${cause && cause.message ? cause.message.split('\n')[0] : cause})`);
    error.code = 'ADDON_MISSING';
    error.cause = cause;
    throw error;
  }
}

module.exports = { loadScannerAddon };
