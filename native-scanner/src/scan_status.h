// Stable error codes shared by every backend. They match src-shared/scan/scan-errors.ts:
// the host forwards `error.code` untouched, so renaming one here breaks the UI's messages.
#pragma once
#include <napi.h>
#include <string>

namespace tiepnhan {

// Throws-by-value helper: a JS Error whose `code` property is one of the stable codes.
inline Napi::Error ScanError(Napi::Env env, const char* code, const std::string& detail) {
  Napi::Error error = Napi::Error::New(env, std::string(code) + ": " + detail);
  error.Set("code", Napi::String::New(env, code));
  return error;
}

}  // namespace tiepnhan
