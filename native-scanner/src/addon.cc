// Entry point of the tiepnhan_scanner addon. One backend is compiled per platform:
// SANE everywhere but Windows, WIA 2.0 on Windows. Both export `backend` so the
// scanner host knows which API shape it got.
#include <napi.h>

namespace tiepnhan {
Napi::Object InitBackend(Napi::Env env, Napi::Object exports);
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  return tiepnhan::InitBackend(env, exports);
}

NODE_API_MODULE(tiepnhan_scanner, Init)
