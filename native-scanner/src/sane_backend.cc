// SANE backend: init/exit, device list, open/close, options, and page reads.
//
// Every call that can wait on hardware (sane_get_devices, sane_open, sane_start,
// sane_read) runs in a Napi::AsyncWorker on libuv's thread pool, so the JS thread
// of the scanner host stays free to answer heartbeats and cancel requests.
// sane_cancel is called from the JS thread while a read runs on a worker: the SANE
// standard (section 4.3.11) allows that, and the read then ends with SANE_STATUS_CANCELLED.
#ifndef _WIN32

#include <sane/sane.h>
#include <sane/saneopts.h>

#include <atomic>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "scan_status.h"

namespace tiepnhan {
namespace {

const char* StatusCode(SANE_Status status) {
  switch (status) {
    case SANE_STATUS_GOOD: return "OK";
    case SANE_STATUS_UNSUPPORTED: return "UNSUPPORTED";
    case SANE_STATUS_CANCELLED: return "CANCELLED";
    case SANE_STATUS_DEVICE_BUSY: return "DEVICE_BUSY";
    case SANE_STATUS_INVAL: return "INVALID";
    case SANE_STATUS_EOF: return "IO_ERROR";  // EOF where data was expected: the device went away.
    case SANE_STATUS_JAMMED: return "JAMMED";
    case SANE_STATUS_NO_DOCS: return "NO_DOCS";
    case SANE_STATUS_COVER_OPEN: return "COVER_OPEN";
    case SANE_STATUS_IO_ERROR: return "IO_ERROR";
    case SANE_STATUS_NO_MEM: return "NO_MEM";
    case SANE_STATUS_ACCESS_DENIED: return "ACCESS_DENIED";
    default: return "IO_ERROR";
  }
}

Napi::Error StatusError(Napi::Env env, SANE_Status status, const std::string& where) {
  return ScanError(env, StatusCode(status), where + ": " + sane_strstatus(status));
}

std::atomic<bool> g_initialised{false};

// ---------------------------------------------------------------------------
// Device list

struct DeviceInfo {
  std::string name, vendor, model, type;
};

class ListDevicesWorker : public Napi::AsyncWorker {
 public:
  ListDevicesWorker(Napi::Env env, bool localOnly)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), localOnly_(localOnly) {}
  Napi::Promise Promise() { return deferred_.Promise(); }

  void Execute() override {
    const SANE_Device** list = nullptr;
    status_ = sane_get_devices(&list, localOnly_ ? SANE_TRUE : SANE_FALSE);
    if (status_ != SANE_STATUS_GOOD) return SetError("sane_get_devices");
    // The list belongs to SANE and dies at the next call: copy it now, on this thread.
    for (const SANE_Device** d = list; d && *d; ++d) {
      devices_.push_back({(*d)->name ? (*d)->name : "", (*d)->vendor ? (*d)->vendor : "",
                          (*d)->model ? (*d)->model : "", (*d)->type ? (*d)->type : ""});
    }
  }
  void OnOK() override {
    Napi::Env env = Env();
    Napi::Array out = Napi::Array::New(env, devices_.size());
    for (size_t i = 0; i < devices_.size(); ++i) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("name", devices_[i].name);
      o.Set("vendor", devices_[i].vendor);
      o.Set("model", devices_[i].model);
      o.Set("type", devices_[i].type);
      out.Set(i, o);
    }
    deferred_.Resolve(out);
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(StatusError(Env(), status_, e.Message()).Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  bool localOnly_;
  SANE_Status status_ = SANE_STATUS_GOOD;
  std::vector<DeviceInfo> devices_;
};

// ---------------------------------------------------------------------------
// One page: every frame from sane_start to the last frame, tightly packed.

struct Page {
  int width = 0, height = 0, channels = 1, depth = 8;
  std::vector<uint8_t>* data = nullptr;  // owned by the worker, copied into a JS Buffer
};

// Reads the frame now started on `h` into `out` (bytes_per_line may include padding).
SANE_Status ReadFrame(SANE_Handle h, const SANE_Parameters& p, std::vector<uint8_t>& out, int* lines) {
  out.clear();
  if (p.lines > 0) out.reserve(static_cast<size_t>(p.bytes_per_line) * p.lines);
  // 64 KiB per call: large enough to keep USB busy, small enough that a cancel lands fast.
  std::vector<SANE_Byte> buf(64 * 1024);
  for (;;) {
    SANE_Int len = 0;
    SANE_Status s = sane_read(h, buf.data(), static_cast<SANE_Int>(buf.size()), &len);
    if (s == SANE_STATUS_EOF) break;
    if (s != SANE_STATUS_GOOD) return s;
    out.insert(out.end(), buf.data(), buf.data() + len);
  }
  // Hand scanners report lines = -1: the height is whatever arrived.
  *lines = p.bytes_per_line > 0 ? static_cast<int>(out.size() / p.bytes_per_line) : 0;
  return SANE_STATUS_GOOD;
}

class ReadPageWorker : public Napi::AsyncWorker {
 public:
  ReadPageWorker(Napi::Env env, SANE_Handle h, std::atomic<bool>* busy)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), h_(h), busy_(busy) {}
  ~ReadPageWorker() override { delete page_.data; }
  Napi::Promise Promise() { return deferred_.Promise(); }

  void Execute() override {
    page_.data = new std::vector<uint8_t>();
    std::vector<uint8_t> frame;
    std::vector<uint8_t> red, green, blue;  // three-pass colour scanners send one frame per colour
    for (;;) {
      status_ = sane_start(h_);
      if (status_ != SANE_STATUS_GOOD) return SetError("sane_start");
      SANE_Parameters p;
      status_ = sane_get_parameters(h_, &p);
      if (status_ != SANE_STATUS_GOOD) return SetError("sane_get_parameters");
      if (p.depth != 1 && p.depth != 8 && p.depth != 16) {
        status_ = SANE_STATUS_UNSUPPORTED;
        return SetError("depth " + std::to_string(p.depth));
      }
      int lines = 0;
      status_ = ReadFrame(h_, p, frame, &lines);
      if (status_ != SANE_STATUS_GOOD) return SetError("sane_read");
      int samples = p.format == SANE_FRAME_RGB ? 3 : 1;
      // Strip per-line padding and bring 16-bit samples down to 8 (high byte; SANE sends host order).
      size_t packed = p.depth == 1 ? (static_cast<size_t>(p.pixels_per_line) * samples + 7) / 8
                                   : static_cast<size_t>(p.pixels_per_line) * samples;
      std::vector<uint8_t> tight;
      tight.reserve(packed * lines);
      for (int y = 0; y < lines; ++y) {
        const uint8_t* row = frame.data() + static_cast<size_t>(y) * p.bytes_per_line;
        if (p.depth == 16) {
          const uint16_t* r16 = reinterpret_cast<const uint16_t*>(row);
          for (size_t x = 0; x < packed; ++x) tight.push_back(static_cast<uint8_t>(r16[x] >> 8));
        } else {
          tight.insert(tight.end(), row, row + packed);
        }
      }
      page_.width = p.pixels_per_line;
      page_.height = lines;
      page_.depth = p.depth == 1 ? 1 : 8;
      switch (p.format) {
        case SANE_FRAME_GRAY: page_.channels = 1; *page_.data = std::move(tight); break;
        case SANE_FRAME_RGB: page_.channels = 3; *page_.data = std::move(tight); break;
        case SANE_FRAME_RED: red = std::move(tight); break;
        case SANE_FRAME_GREEN: green = std::move(tight); break;
        case SANE_FRAME_BLUE: blue = std::move(tight); break;
        default: status_ = SANE_STATUS_UNSUPPORTED; return SetError("frame format");
      }
      if (p.last_frame) break;
    }
    if (!red.empty() || !green.empty() || !blue.empty()) {
      if (red.size() != green.size() || red.size() != blue.size() || page_.depth != 8) {
        status_ = SANE_STATUS_UNSUPPORTED;
        return SetError("three-pass frames differ in size");
      }
      page_.channels = 3;
      page_.data->resize(red.size() * 3);
      for (size_t i = 0; i < red.size(); ++i) {
        (*page_.data)[i * 3] = red[i];
        (*page_.data)[i * 3 + 1] = green[i];
        (*page_.data)[i * 3 + 2] = blue[i];
      }
    }
  }

  void OnOK() override {
    busy_->store(false);
    Napi::Env env = Env();
    Napi::Object o = Napi::Object::New(env);
    o.Set("width", page_.width);
    o.Set("height", page_.height);
    o.Set("channels", page_.channels);
    o.Set("depth", page_.depth);
    // A copy, not an external buffer: Electron's V8 memory cage forbids external buffers,
    // and one memcpy per page is nothing next to the scan itself.
    o.Set("data", Napi::Buffer<uint8_t>::Copy(env, page_.data->data(), page_.data->size()));
    deferred_.Resolve(o);
  }
  void OnError(const Napi::Error& e) override {
    busy_->store(false);
    deferred_.Reject(StatusError(Env(), status_, e.Message()).Value());
  }

 private:
  Napi::Promise::Deferred deferred_;
  SANE_Handle h_;
  std::atomic<bool>* busy_;
  SANE_Status status_ = SANE_STATUS_GOOD;
  Page page_;
};

// ---------------------------------------------------------------------------
// An open device.

class SaneDevice : public Napi::ObjectWrap<SaneDevice> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "SaneDevice",
                       {InstanceMethod("options", &SaneDevice::Options), InstanceMethod("setOption", &SaneDevice::SetOption),
                        InstanceMethod("readPage", &SaneDevice::ReadPage), InstanceMethod("cancel", &SaneDevice::Cancel),
                        InstanceMethod("close", &SaneDevice::Close)});
  }

  explicit SaneDevice(const Napi::CallbackInfo& info) : Napi::ObjectWrap<SaneDevice>(info) {
    handle_ = info[0].As<Napi::External<void>>().Data();
  }
  ~SaneDevice() override {
    // A device dropped without close(): close it, unless a read still uses the handle.
    if (handle_ && !busy_.load()) sane_close(handle_);
  }

 private:
  SANE_Handle Handle(Napi::Env env) {
    if (!handle_) throw ScanError(env, "INVALID", "device is closed");
    return handle_;
  }

  int FindOption(Napi::Env env, const std::string& name, const SANE_Option_Descriptor** out) {
    SANE_Handle h = Handle(env);
    SANE_Int count = 0;
    if (sane_control_option(h, 0, SANE_ACTION_GET_VALUE, &count, nullptr) != SANE_STATUS_GOOD) count = 0;
    for (SANE_Int i = 1; i < count; ++i) {
      const SANE_Option_Descriptor* d = sane_get_option_descriptor(h, i);
      if (d && d->name && name == d->name) {
        *out = d;
        return i;
      }
    }
    return -1;
  }

  static Napi::Value ScalarValue(Napi::Env env, const SANE_Option_Descriptor* d, const std::vector<uint8_t>& buf) {
    switch (d->type) {
      case SANE_TYPE_BOOL: return Napi::Boolean::New(env, *reinterpret_cast<const SANE_Word*>(buf.data()) != 0);
      case SANE_TYPE_INT: return Napi::Number::New(env, *reinterpret_cast<const SANE_Word*>(buf.data()));
      case SANE_TYPE_FIXED: return Napi::Number::New(env, SANE_UNFIX(*reinterpret_cast<const SANE_Word*>(buf.data())));
      case SANE_TYPE_STRING: return Napi::String::New(env, reinterpret_cast<const char*>(buf.data()));
      default: return env.Null();
    }
  }

  // [{ name, title, type, unit, active, settable, value, constraint }]; arrays report their first element.
  Napi::Value Options(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    SANE_Handle h = Handle(env);
    SANE_Int count = 0;
    SANE_Status s = sane_control_option(h, 0, SANE_ACTION_GET_VALUE, &count, nullptr);
    if (s != SANE_STATUS_GOOD) throw StatusError(env, s, "option count");
    Napi::Array out = Napi::Array::New(env);
    uint32_t n = 0;
    for (SANE_Int i = 1; i < count; ++i) {
      const SANE_Option_Descriptor* d = sane_get_option_descriptor(h, i);
      if (!d || !d->name || !*d->name || d->type == SANE_TYPE_GROUP) continue;
      static const char* types[] = {"bool", "int", "fixed", "string", "button", "group"};
      static const char* units[] = {"none", "pixel", "bit", "mm", "dpi", "percent", "microsecond"};
      Napi::Object o = Napi::Object::New(env);
      o.Set("name", d->name);
      o.Set("title", d->title ? d->title : "");
      o.Set("type", types[d->type]);
      o.Set("unit", d->unit <= SANE_UNIT_MICROSECOND ? units[d->unit] : "none");
      o.Set("active", SANE_OPTION_IS_ACTIVE(d->cap) ? true : false);
      o.Set("settable", SANE_OPTION_IS_SETTABLE(d->cap) ? true : false);
      Napi::Value value = env.Null();
      if (SANE_OPTION_IS_ACTIVE(d->cap) && d->type != SANE_TYPE_BUTTON && d->size > 0) {
        std::vector<uint8_t> buf(static_cast<size_t>(d->size) + 1, 0);
        if (sane_control_option(h, i, SANE_ACTION_GET_VALUE, buf.data(), nullptr) == SANE_STATUS_GOOD)
          value = ScalarValue(env, d, buf);
      }
      o.Set("value", value);
      if (d->constraint_type == SANE_CONSTRAINT_RANGE && d->constraint.range) {
        const SANE_Range* r = d->constraint.range;
        bool fixed = d->type == SANE_TYPE_FIXED;
        Napi::Object c = Napi::Object::New(env);
        c.Set("min", fixed ? SANE_UNFIX(r->min) : r->min);
        c.Set("max", fixed ? SANE_UNFIX(r->max) : r->max);
        c.Set("quant", fixed ? SANE_UNFIX(r->quant) : r->quant);
        o.Set("range", c);
      } else if (d->constraint_type == SANE_CONSTRAINT_WORD_LIST && d->constraint.word_list) {
        Napi::Array list = Napi::Array::New(env);
        for (SANE_Int k = 1; k <= d->constraint.word_list[0]; ++k) {
          SANE_Word w = d->constraint.word_list[k];
          list.Set(k - 1, d->type == SANE_TYPE_FIXED ? SANE_UNFIX(w) : w);
        }
        o.Set("list", list);
      } else if (d->constraint_type == SANE_CONSTRAINT_STRING_LIST && d->constraint.string_list) {
        Napi::Array list = Napi::Array::New(env);
        uint32_t k = 0;
        for (const SANE_String_Const* p = d->constraint.string_list; *p; ++p) list.Set(k++, *p);
        o.Set("list", list);
      }
      out.Set(n++, o);
    }
    return out;
  }

  // setOption(name, value) → { value, reload }: the value the backend actually took.
  Napi::Value SetOption(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (busy_.load()) throw ScanError(env, "DEVICE_BUSY", "a page is being read");
    std::string name = info[0].As<Napi::String>().Utf8Value();
    const SANE_Option_Descriptor* d = nullptr;
    int index = FindOption(env, name, &d);
    if (index < 0) throw ScanError(env, "UNSUPPORTED", "no option " + name);
    if (!SANE_OPTION_IS_ACTIVE(d->cap) || !SANE_OPTION_IS_SETTABLE(d->cap))
      throw ScanError(env, "UNSUPPORTED", "option " + name + " is not settable now");
    std::vector<uint8_t> buf(static_cast<size_t>(d->size) + 1, 0);
    SANE_Word word = 0;
    switch (d->type) {
      case SANE_TYPE_BOOL: word = info[1].ToBoolean().Value() ? SANE_TRUE : SANE_FALSE; break;
      case SANE_TYPE_INT: word = static_cast<SANE_Word>(info[1].ToNumber().Int32Value()); break;
      case SANE_TYPE_FIXED: word = SANE_FIX(info[1].ToNumber().DoubleValue()); break;
      case SANE_TYPE_STRING: {
        std::string v = info[1].ToString().Utf8Value();
        if (v.size() + 1 > static_cast<size_t>(d->size)) throw ScanError(env, "INVALID", "value too long for " + name);
        std::memcpy(buf.data(), v.c_str(), v.size() + 1);
        break;
      }
      default: throw ScanError(env, "UNSUPPORTED", "option type of " + name);
    }
    // Arrays (gamma tables) are set element by element to the same value; scalars are one word.
    if (d->type != SANE_TYPE_STRING) {
      size_t words = static_cast<size_t>(d->size) / sizeof(SANE_Word);
      for (size_t k = 0; k < words; ++k) std::memcpy(buf.data() + k * sizeof(SANE_Word), &word, sizeof word);
    }
    SANE_Int inf = 0;
    SANE_Status s = sane_control_option(handle_, index, SANE_ACTION_SET_VALUE, buf.data(), &inf);
    if (s != SANE_STATUS_GOOD) throw StatusError(env, s, "set " + name);
    Napi::Object o = Napi::Object::New(env);
    o.Set("value", ScalarValue(env, d, buf));
    o.Set("reload", (inf & (SANE_INFO_RELOAD_OPTIONS | SANE_INFO_RELOAD_PARAMS)) != 0);
    return o;
  }

  // readPage() → Promise<{ width, height, channels, depth, data }>; rejects with code NO_DOCS when the feeder is empty.
  Napi::Value ReadPage(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    SANE_Handle h = Handle(env);
    bool expected = false;
    if (!busy_.compare_exchange_strong(expected, true)) throw ScanError(env, "DEVICE_BUSY", "a page is already being read");
    auto* worker = new ReadPageWorker(env, h, &busy_);
    Napi::Promise promise = worker->Promise();
    worker->Queue();
    return promise;
  }

  // Ends the batch (after the last page) or aborts the page being read. Safe to call any time.
  Napi::Value Cancel(const Napi::CallbackInfo& info) {
    if (handle_) sane_cancel(handle_);
    return info.Env().Undefined();
  }

  Napi::Value Close(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (busy_.load()) throw ScanError(env, "DEVICE_BUSY", "cancel and wait for the read before closing");
    if (handle_) {
      sane_cancel(handle_);
      sane_close(handle_);
      handle_ = nullptr;
    }
    return env.Undefined();
  }

  SANE_Handle handle_ = nullptr;
  std::atomic<bool> busy_{false};
};

class OpenWorker : public Napi::AsyncWorker {
 public:
  OpenWorker(Napi::Env env, std::string name)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), name_(std::move(name)) {}
  Napi::Promise Promise() { return deferred_.Promise(); }
  void Execute() override {
    status_ = sane_open(name_.c_str(), &handle_);
    if (status_ != SANE_STATUS_GOOD) SetError("sane_open " + name_);
  }
  void OnOK() override {
    Napi::Env env = Env();
    Napi::FunctionReference* ctor = env.GetInstanceData<Napi::FunctionReference>();
    deferred_.Resolve(ctor->New({Napi::External<void>::New(env, handle_)}));
  }
  void OnError(const Napi::Error& e) override {
    // SANE answers INVAL for a name no backend knows: that is a missing device, not bad input.
    const char* code = status_ == SANE_STATUS_INVAL ? "NOT_FOUND" : StatusCode(status_);
    deferred_.Reject(ScanError(Env(), code, e.Message() + ": " + sane_strstatus(status_)).Value());
  }

 private:
  Napi::Promise::Deferred deferred_;
  std::string name_;
  SANE_Handle handle_ = nullptr;
  SANE_Status status_ = SANE_STATUS_GOOD;
};

Napi::Value Init(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  SANE_Int version = 0;
  if (!g_initialised.load()) {
    SANE_Status s = sane_init(&version, nullptr);
    if (s != SANE_STATUS_GOOD) throw StatusError(env, s, "sane_init");
    g_initialised.store(true);
  }
  Napi::Object o = Napi::Object::New(env);
  o.Set("version", std::to_string(SANE_VERSION_MAJOR(version)) + "." + std::to_string(SANE_VERSION_MINOR(version)) + "." +
                       std::to_string(SANE_VERSION_BUILD(version)));
  return o;
}

Napi::Value Exit(const Napi::CallbackInfo& info) {
  if (g_initialised.exchange(false)) sane_exit();
  return info.Env().Undefined();
}

void RequireInit(Napi::Env env) {
  if (!g_initialised.load()) throw ScanError(env, "INVALID", "call init() first");
}

Napi::Value ListDevices(const Napi::CallbackInfo& info) {
  RequireInit(info.Env());
  bool localOnly = info.Length() > 0 && info[0].ToBoolean().Value();
  auto* worker = new ListDevicesWorker(info.Env(), localOnly);
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

Napi::Value Open(const Napi::CallbackInfo& info) {
  RequireInit(info.Env());
  auto* worker = new OpenWorker(info.Env(), info[0].As<Napi::String>().Utf8Value());
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

}  // namespace

Napi::Object InitBackend(Napi::Env env, Napi::Object exports) {
  auto* ctor = new Napi::FunctionReference(Napi::Persistent(SaneDevice::Define(env)));
  env.SetInstanceData(ctor);
  exports.Set("backend", "sane");
  exports.Set("init", Napi::Function::New(env, Init));
  exports.Set("exit", Napi::Function::New(env, Exit));
  exports.Set("listDevices", Napi::Function::New(env, ListDevices));
  exports.Set("open", Napi::Function::New(env, Open));
  return exports;
}

}  // namespace tiepnhan

#endif  // !_WIN32
