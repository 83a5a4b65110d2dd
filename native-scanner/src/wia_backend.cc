// WIA 2.0 backend (Windows Vista and later): device list, flatbed/feeder, resolution,
// colour mode, and pages streamed to JS as each one ends.
//
// WIA 2.0 hands a whole feeder batch to one IWiaTransfer::Download call and asks for one
// stream per page through IWiaTransferCallback::GetNextStream; we give it an in-memory
// stream, and when WIA says the stream ended we turn the BMP into a raw frame and pass it
// to JS through a ThreadSafeFunction. Everything COM runs on a libuv worker thread in the
// multithreaded apartment, so the JS thread of the scanner host never waits on the driver.
//
// This file is compile-checked on Linux with mingw-w64 (npm run check:wia), which has no
// wia_lh.h: the WIA 2.0 interfaces below are declared from the Windows SDK's wia_lh.h
// (method order = vtable order; only the leading methods we call are declared, which keeps
// the vtable prefix identical). With MSVC the SDK header is used instead.
#ifdef _WIN32

#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0601
#endif
#include <windows.h>
#include <objbase.h>
#include <propidl.h>
#include <wia.h>
#include <sti.h>

#include <atomic>
#include <cstring>
#include <string>
#include <vector>

#include <napi.h>

#include "scan_status.h"

#ifdef _MSC_VER
#include <wia_lh.h>
#else
struct WiaTransferParams {
  LONG lMessage;
  LONG lPercentComplete;
  ULONG64 ulTransferredBytes;
  HRESULT hrErrorStatus;
};
struct IWiaItem2;
struct IEnumWiaItem2 : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE Next(ULONG cElt, IWiaItem2** ppIWiaItem2, ULONG* pcEltFetched) = 0;
};
struct IWiaItem2 : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE CreateChildItem(LONG lItemFlags, LONG lCreationFlags, BSTR bstrItemName, IWiaItem2** ppIWiaItem2) = 0;
  virtual HRESULT STDMETHODCALLTYPE DeleteItem(LONG lFlags) = 0;
  virtual HRESULT STDMETHODCALLTYPE EnumChildItems(const GUID* pCategoryGUID, IEnumWiaItem2** ppIEnumWiaItem2) = 0;
  virtual HRESULT STDMETHODCALLTYPE FindItemByName(LONG lFlags, BSTR bstrFullItemName, IWiaItem2** ppIWiaItem2) = 0;
  virtual HRESULT STDMETHODCALLTYPE GetItemCategory(GUID* pItemCategoryGUID) = 0;
};
struct IWiaDevMgr2 : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE EnumDeviceInfo(LONG lFlags, IEnumWIA_DEV_INFO** ppIEnum) = 0;
  virtual HRESULT STDMETHODCALLTYPE CreateDevice(LONG lFlags, BSTR bstrDeviceID, IWiaItem2** ppWiaItem2Root) = 0;
};
struct IWiaTransferCallback : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE TransferCallback(LONG lFlags, WiaTransferParams* pWiaTransferParams) = 0;
  virtual HRESULT STDMETHODCALLTYPE GetNextStream(LONG lFlags, BSTR bstrItemName, BSTR bstrFullItemName, IStream** ppDestination) = 0;
};
struct IWiaTransfer : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE Download(LONG lFlags, IWiaTransferCallback* pIWiaTransferCallback) = 0;
};
#define WIA_TRANSFER_MSG_END_OF_STREAM 2
#define WIA_TRANSFER_MSG_END_OF_TRANSFER 3
#define WIA_TRANSFER_MSG_DEVICE_STATUS 5
#endif

namespace tiepnhan {
namespace {

// GUIDs from wia_lh.h / wiadef.h (Windows SDK 10).
const CLSID kClsidWiaDevMgr2 = {0xb6c292bc, 0x7c88, 0x41ee, {0x8b, 0x54, 0x8e, 0xc9, 0x26, 0x17, 0xe5, 0x99}};
const IID kIidWiaDevMgr2 = {0x79c07cf1, 0xcbdd, 0x41ee, {0x8e, 0xc3, 0xf0, 0x00, 0x80, 0xca, 0xda, 0x7a}};
const IID kIidWiaTransfer = {0xc39d6942, 0x2f4e, 0x4d04, {0x92, 0xfe, 0x4e, 0xf4, 0xd3, 0xa1, 0xde, 0x5a}};
const IID kIidWiaTransferCallback = {0x27d4eaaf, 0x28a6, 0x4ca5, {0x9a, 0xab, 0xe6, 0x78, 0x16, 0x8b, 0x95, 0x27}};
const IID kIidWiaPropertyStorage = {0x98b5e8a0, 0x29cc, 0x491a, {0xaa, 0xc0, 0xe6, 0xdb, 0x4f, 0xdc, 0xce, 0xb6}};
const GUID kCategoryFlatbed = {0xfb607b1f, 0x43f3, 0x488b, {0x85, 0x5b, 0xfb, 0x70, 0x3e, 0xc3, 0x42, 0xa6}};
const GUID kCategoryFeeder = {0xfe131934, 0xf84c, 0x42ad, {0x8d, 0xa4, 0x61, 0x29, 0xcd, 0xdd, 0x72, 0x88}};
const GUID kFormatBmp = {0xb96b3cab, 0x0728, 0x11d3, {0x9d, 0x7b, 0x00, 0x00, 0xf8, 0x1e, 0xf3, 0x2e}};

// Property ids (wiadef.h). WIA 2.0 reuses the WIA_DPS_* ids on the feeder item as WIA_IPS_*.
constexpr PROPID kDevId = 2, kVendDesc = 3, kDevType = 5, kDevName = 7;
constexpr PROPID kDocumentHandlingSelect = 3088, kPages = 3096;
constexpr PROPID kDataType = 4103, kFormat = 4106;
constexpr PROPID kXRes = 6147, kYRes = 6148;
constexpr LONG kFeeder = 0x1, kDuplex = 0x4, kFrontOnly = 0x20;
constexpr LONG kDataThreshold = 0, kDataGray = 2, kDataColor = 3;
constexpr LONG kDevInfoEnumLocal = 0x10;

// HRESULTs from wiadef.h: WIA_ERROR_* = MAKE_HRESULT(SEVERITY_ERROR, FACILITY_WIA (33), code).
const char* HresultCode(HRESULT hr) {
  switch (static_cast<unsigned long>(hr)) {
    case 0x80210003: return "NO_DOCS";       // WIA_ERROR_PAPER_EMPTY
    case 0x80210002: return "JAMMED";        // WIA_ERROR_PAPER_JAM
    case 0x80210004: return "IO_ERROR";      // WIA_ERROR_PAPER_PROBLEM
    case 0x80210006: return "DEVICE_BUSY";   // WIA_ERROR_BUSY
    case 0x80210016: return "COVER_OPEN";    // WIA_ERROR_COVER_OPEN
    case 0x80210005: return "IO_ERROR";      // WIA_ERROR_OFFLINE
    case 0x8021000A: return "IO_ERROR";      // WIA_ERROR_DEVICE_COMMUNICATION
    case 0x80210015: return "NOT_FOUND";     // WIA_S_NO_DEVICE_AVAILABLE
    case 0x80070005: return "ACCESS_DENIED"; // E_ACCESSDENIED
    case 0x8007000E: return "NO_MEM";        // E_OUTOFMEMORY
    case 0x80004001: return "UNSUPPORTED";   // E_NOTIMPL
    case 0x80070057: return "INVALID";       // E_INVALIDARG
    default: return "IO_ERROR";
  }
}

std::string Hex(HRESULT hr) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08lX", static_cast<unsigned long>(hr));
  return buf;
}

std::string Utf8(const wchar_t* w) {
  if (!w) return "";
  int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, nullptr, 0, nullptr, nullptr);
  std::string s(n > 0 ? n - 1 : 0, '\0');
  if (n > 1) WideCharToMultiByte(CP_UTF8, 0, w, -1, &s[0], n, nullptr, nullptr);
  return s;
}

std::wstring Wide(const std::string& s) {
  int n = MultiByteToWideChar(CP_UTF8, 0, s.c_str(), -1, nullptr, 0);
  std::wstring w(n > 0 ? n - 1 : 0, L'\0');
  if (n > 1) MultiByteToWideChar(CP_UTF8, 0, s.c_str(), -1, &w[0], n);
  return w;
}

template <typename T>
struct ComPtr {
  T* p = nullptr;
  ~ComPtr() { if (p) p->Release(); }
  T** operator&() { return &p; }
  T* operator->() const { return p; }
  explicit operator bool() const { return p != nullptr; }
};

struct ComApartment {
  HRESULT hr;
  ComApartment() : hr(CoInitializeEx(nullptr, COINIT_MULTITHREADED)) {}
  ~ComApartment() { if (SUCCEEDED(hr)) CoUninitialize(); }
};

std::string ReadString(IWiaPropertyStorage* props, PROPID id) {
  PROPSPEC spec;
  spec.ulKind = PRSPEC_PROPID;
  spec.propid = id;
  PROPVARIANT v;
  PropVariantInit(&v);
  std::string out;
  if (props->ReadMultiple(1, &spec, &v) == S_OK && v.vt == VT_BSTR) out = Utf8(v.bstrVal);
  PropVariantClear(&v);
  return out;
}

LONG ReadLong(IWiaPropertyStorage* props, PROPID id, LONG fallback) {
  PROPSPEC spec;
  spec.ulKind = PRSPEC_PROPID;
  spec.propid = id;
  PROPVARIANT v;
  PropVariantInit(&v);
  LONG out = fallback;
  if (props->ReadMultiple(1, &spec, &v) == S_OK && (v.vt == VT_I4 || v.vt == VT_UI4)) out = v.lVal;
  PropVariantClear(&v);
  return out;
}

HRESULT WriteLong(IWiaPropertyStorage* props, PROPID id, LONG value) {
  PROPSPEC spec;
  spec.ulKind = PRSPEC_PROPID;
  spec.propid = id;
  PROPVARIANT v;
  PropVariantInit(&v);
  v.vt = VT_I4;
  v.lVal = value;
  return props->WriteMultiple(1, &spec, &v, 2);
}

HRESULT WriteGuid(IWiaPropertyStorage* props, PROPID id, const GUID& value) {
  PROPSPEC spec;
  spec.ulKind = PRSPEC_PROPID;
  spec.propid = id;
  GUID copy = value;
  PROPVARIANT v;
  PropVariantInit(&v);
  v.vt = VT_CLSID;
  v.puuid = &copy;
  return props->WriteMultiple(1, &spec, &v, 2);
}

// The first child item of `root` in `category` (flatbed or feeder); AddRef'd.
IWiaItem2* FindItem(IWiaItem2* root, const GUID& category) {
  ComPtr<IEnumWiaItem2> children;
  if (FAILED(root->EnumChildItems(nullptr, &children)) || !children) return nullptr;
  for (;;) {
    IWiaItem2* child = nullptr;
    ULONG fetched = 0;
    if (children->Next(1, &child, &fetched) != S_OK || fetched == 0) return nullptr;
    GUID c;
    if (SUCCEEDED(child->GetItemCategory(&c)) && IsEqualGUID(c, category)) return child;
    child->Release();
  }
}

struct RawPage {
  int width = 0, height = 0, channels = 1, depth = 8;
  std::vector<uint8_t> data;
};

// DIB (with or without BITMAPFILEHEADER) → tightly packed top-down rows, as SANE frames are.
bool BmpToRaw(const std::vector<uint8_t>& bmp, RawPage* page) {
  size_t at = 0;
  if (bmp.size() >= 14 && bmp[0] == 'B' && bmp[1] == 'M') at = 14;
  if (bmp.size() < at + sizeof(BITMAPINFOHEADER)) return false;
  BITMAPINFOHEADER h;
  std::memcpy(&h, bmp.data() + at, sizeof h);
  if (h.biCompression != BI_RGB || (h.biBitCount != 1 && h.biBitCount != 8 && h.biBitCount != 24)) return false;
  const int width = h.biWidth;
  const bool bottomUp = h.biHeight > 0;
  const int height = bottomUp ? h.biHeight : -h.biHeight;
  const size_t colours = h.biBitCount <= 8 ? (h.biClrUsed ? h.biClrUsed : (1u << h.biBitCount)) : 0;
  const uint8_t* palette = bmp.data() + at + h.biSize;
  const size_t pixels = at + h.biSize + colours * 4;
  const size_t stride = ((static_cast<size_t>(width) * h.biBitCount + 31) / 32) * 4;
  if (width <= 0 || height <= 0 || bmp.size() < pixels + stride * height) return false;
  page->width = width;
  page->height = height;
  page->depth = h.biBitCount == 1 ? 1 : 8;
  page->channels = h.biBitCount == 24 ? 3 : 1;
  const size_t out = h.biBitCount == 1 ? (width + 7) / 8 : static_cast<size_t>(width) * page->channels;
  // In a 1-bit DIB, palette entry 0 is usually black; SANE's convention (set bit = black) may need an inversion.
  const bool invert = h.biBitCount == 1 && colours >= 1 && palette[0] + palette[1] + palette[2] < 3 * 128;
  page->data.resize(out * height);
  for (int y = 0; y < height; ++y) {
    const uint8_t* src = bmp.data() + pixels + stride * (bottomUp ? height - 1 - y : y);
    uint8_t* dst = page->data.data() + out * y;
    if (h.biBitCount == 24) {
      for (int x = 0; x < width; ++x) {
        dst[x * 3] = src[x * 3 + 2];
        dst[x * 3 + 1] = src[x * 3 + 1];
        dst[x * 3 + 2] = src[x * 3];
      }
    } else if (h.biBitCount == 8) {
      for (int x = 0; x < width; ++x) dst[x] = colours > src[x] ? palette[src[x] * 4 + 1] : src[x];
    } else {
      for (size_t x = 0; x < out; ++x) dst[x] = invert ? static_cast<uint8_t>(~src[x]) : src[x];
    }
  }
  return true;
}

std::atomic<bool> g_cancel{false};

// Receives the pages of one Download call.
class PageReceiver : public IWiaTransferCallback {
 public:
  explicit PageReceiver(Napi::ThreadSafeFunction tsfn) : tsfn_(tsfn) {}
  HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** out) override {
    if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, kIidWiaTransferCallback)) {
      *out = static_cast<IWiaTransferCallback*>(this);
      AddRef();
      return S_OK;
    }
    *out = nullptr;
    return E_NOINTERFACE;
  }
  ULONG STDMETHODCALLTYPE AddRef() override { return ++refs_; }
  ULONG STDMETHODCALLTYPE Release() override { return --refs_; }  // lives on the worker's stack

  HRESULT STDMETHODCALLTYPE TransferCallback(LONG, WiaTransferParams* params) override {
    if (params && (params->lMessage == WIA_TRANSFER_MSG_END_OF_STREAM || params->lMessage == WIA_TRANSFER_MSG_END_OF_TRANSFER)) FinishPage();
    if (params && params->lMessage == WIA_TRANSFER_MSG_DEVICE_STATUS && FAILED(params->hrErrorStatus)) lastError = params->hrErrorStatus;
    // S_FALSE asks WIA to stop after the current page.
    return g_cancel.load() ? S_FALSE : S_OK;
  }

  HRESULT STDMETHODCALLTYPE GetNextStream(LONG, BSTR, BSTR, IStream** out) override {
    FinishPage();
    HRESULT hr = CreateStreamOnHGlobal(nullptr, TRUE, &stream_);
    if (FAILED(hr)) return hr;
    stream_->AddRef();
    *out = stream_;
    return S_OK;
  }

  // Turns the finished stream into a page and hands it to JS (blocking: the driver waits, memory stays bounded).
  void FinishPage() {
    if (!stream_) return;
    HGLOBAL global = nullptr;
    std::vector<uint8_t> bytes;
    if (SUCCEEDED(GetHGlobalFromStream(stream_, &global))) {
      SIZE_T size = GlobalSize(global);
      const uint8_t* p = static_cast<const uint8_t*>(GlobalLock(global));
      if (p) bytes.assign(p, p + size);
      GlobalUnlock(global);
    }
    stream_->Release();
    stream_ = nullptr;
    auto* page = new RawPage();
    // Drivers end a feeder batch with an empty stream: not a page.
    if (bytes.size() < 64 || !BmpToRaw(bytes, page)) {
      delete page;
      return;
    }
    pages++;
    tsfn_.BlockingCall(page, [](Napi::Env env, Napi::Function onPage, RawPage* page) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("width", page->width);
      o.Set("height", page->height);
      o.Set("channels", page->channels);
      o.Set("depth", page->depth);
      o.Set("data", Napi::Buffer<uint8_t>::Copy(env, page->data.data(), page->data.size()));
      delete page;
      onPage.Call({o});
    });
  }

  int pages = 0;
  HRESULT lastError = S_OK;

 private:
  Napi::ThreadSafeFunction tsfn_;
  IStream* stream_ = nullptr;
  std::atomic<ULONG> refs_{1};
};

struct DeviceInfo {
  std::string id, name, vendor;
  bool feeder = false, flatbed = false, duplex = false;
};

class ListWorker : public Napi::AsyncWorker {
 public:
  explicit ListWorker(Napi::Env env) : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)) {}
  Napi::Promise Promise() { return deferred_.Promise(); }
  void Execute() override {
    ComApartment com;
    ComPtr<IWiaDevMgr2> mgr;
    hr_ = CoCreateInstance(kClsidWiaDevMgr2, nullptr, CLSCTX_LOCAL_SERVER, kIidWiaDevMgr2, reinterpret_cast<void**>(&mgr));
    if (FAILED(hr_)) return SetError("CoCreateInstance(WiaDevMgr2) " + Hex(hr_));
    ComPtr<IEnumWIA_DEV_INFO> devices;
    hr_ = mgr->EnumDeviceInfo(kDevInfoEnumLocal, &devices);
    if (FAILED(hr_)) return SetError("EnumDeviceInfo " + Hex(hr_));
    for (;;) {
      ComPtr<IWiaPropertyStorage> props;
      ULONG fetched = 0;
      if (devices->Next(1, &props, &fetched) != S_OK || fetched == 0) break;
      // StiDeviceTypeScanner = 1 in the high word of WIA_DIP_DEV_TYPE (sti.h, GET_STIDEVICE_TYPE).
      if (HIWORD(ReadLong(props.p, kDevType, 0)) != StiDeviceTypeScanner) continue;
      DeviceInfo d;
      d.id = ReadString(props.p, kDevId);
      d.name = ReadString(props.p, kDevName);
      d.vendor = ReadString(props.p, kVendDesc);
      BSTR id = SysAllocString(Wide(d.id).c_str());
      ComPtr<IWiaItem2> root;
      if (SUCCEEDED(mgr->CreateDevice(0, id, &root))) {
        IWiaItem2* flatbed = FindItem(root.p, kCategoryFlatbed);
        IWiaItem2* feeder = FindItem(root.p, kCategoryFeeder);
        d.flatbed = flatbed != nullptr;
        d.feeder = feeder != nullptr;
        if (feeder) {
          ComPtr<IWiaPropertyStorage> fp;
          // WIA_IPS_DOCUMENT_HANDLING_CAPABILITIES (3086): DUP bit 0x4.
          if (SUCCEEDED(feeder->QueryInterface(kIidWiaPropertyStorage, reinterpret_cast<void**>(&fp))))
            d.duplex = (ReadLong(fp.p, 3086, 0) & kDuplex) != 0;
          feeder->Release();
        }
        if (flatbed) flatbed->Release();
      }
      SysFreeString(id);
      devices_.push_back(d);
    }
  }
  void OnOK() override {
    Napi::Env env = Env();
    Napi::Array out = Napi::Array::New(env, devices_.size());
    for (size_t i = 0; i < devices_.size(); ++i) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("id", devices_[i].id);
      o.Set("name", devices_[i].name);
      o.Set("vendor", devices_[i].vendor);
      o.Set("hasFeeder", devices_[i].feeder);
      o.Set("hasFlatbed", devices_[i].flatbed);
      o.Set("hasDuplex", devices_[i].duplex);
      out.Set(i, o);
    }
    deferred_.Resolve(out);
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(ScanError(Env(), HresultCode(hr_), e.Message()).Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  HRESULT hr_ = S_OK;
  std::vector<DeviceInfo> devices_;
};

class ScanWorker : public Napi::AsyncWorker {
 public:
  ScanWorker(Napi::Env env, std::string id, std::string source, std::string mode, int dpi, Napi::Function onPage)
      : Napi::AsyncWorker(env),
        deferred_(Napi::Promise::Deferred::New(env)),
        id_(std::move(id)),
        source_(std::move(source)),
        mode_(std::move(mode)),
        dpi_(dpi),
        tsfn_(Napi::ThreadSafeFunction::New(env, onPage, "wia-page", 0, 1)) {}
  ~ScanWorker() override { tsfn_.Release(); }
  Napi::Promise Promise() { return deferred_.Promise(); }

  void Execute() override {
    ComApartment com;
    ComPtr<IWiaDevMgr2> mgr;
    hr_ = CoCreateInstance(kClsidWiaDevMgr2, nullptr, CLSCTX_LOCAL_SERVER, kIidWiaDevMgr2, reinterpret_cast<void**>(&mgr));
    if (FAILED(hr_)) return SetError("CoCreateInstance(WiaDevMgr2) " + Hex(hr_));
    BSTR id = SysAllocString(Wide(id_).c_str());
    ComPtr<IWiaItem2> root;
    hr_ = mgr->CreateDevice(0, id, &root);
    SysFreeString(id);
    if (FAILED(hr_)) return SetError("CreateDevice " + Hex(hr_));
    const bool feeder = source_ != "flatbed";
    ComPtr<IWiaItem2> item;
    item.p = FindItem(root.p, feeder ? kCategoryFeeder : kCategoryFlatbed);
    if (!item) {
      hr_ = E_NOTIMPL;
      return SetError(feeder ? "no feeder" : "no flatbed");
    }
    ComPtr<IWiaPropertyStorage> props;
    hr_ = item->QueryInterface(kIidWiaPropertyStorage, reinterpret_cast<void**>(&props));
    if (FAILED(hr_)) return SetError("IWiaPropertyStorage " + Hex(hr_));
    if (feeder) {
      hr_ = WriteLong(props.p, kDocumentHandlingSelect, kFeeder | (source_ == "adf-duplex" ? kDuplex : kFrontOnly));
      if (FAILED(hr_)) return SetError("document handling " + Hex(hr_));
      WriteLong(props.p, kPages, 0);  // 0 = every sheet in the feeder
    }
    LONG dataType = mode_ == "color" ? kDataColor : mode_ == "gray" ? kDataGray : kDataThreshold;
    if (FAILED(hr_ = WriteLong(props.p, kDataType, dataType))) return SetError("data type " + Hex(hr_));
    if (FAILED(hr_ = WriteLong(props.p, kXRes, dpi_)) || FAILED(hr_ = WriteLong(props.p, kYRes, dpi_))) return SetError("resolution " + Hex(hr_));
    if (FAILED(hr_ = WriteGuid(props.p, kFormat, kFormatBmp))) return SetError("format " + Hex(hr_));
    ComPtr<IWiaTransfer> transfer;
    hr_ = item->QueryInterface(kIidWiaTransfer, reinterpret_cast<void**>(&transfer));
    if (FAILED(hr_)) return SetError("IWiaTransfer " + Hex(hr_));
    g_cancel.store(false);
    PageReceiver callback(tsfn_);
    hr_ = transfer->Download(0, &callback);
    callback.FinishPage();
    pages_ = callback.pages;
    // An empty feeder after some pages is the normal end of a batch; S_FALSE = cancelled by us.
    if (hr_ == static_cast<HRESULT>(0x80210003) && pages_ > 0) hr_ = S_OK;
    if (FAILED(hr_)) return SetError("Download " + Hex(hr_));
  }
  void OnOK() override { deferred_.Resolve(Napi::Number::New(Env(), pages_)); }
  void OnError(const Napi::Error& e) override { deferred_.Reject(ScanError(Env(), HresultCode(hr_), e.Message()).Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::string id_, source_, mode_;
  int dpi_;
  Napi::ThreadSafeFunction tsfn_;
  HRESULT hr_ = S_OK;
  int pages_ = 0;
};

Napi::Value Init(const Napi::CallbackInfo& info) {
  Napi::Object o = Napi::Object::New(info.Env());
  o.Set("version", "WIA 2.0");
  return o;
}

Napi::Value Exit(const Napi::CallbackInfo& info) { return info.Env().Undefined(); }

Napi::Value ListDevices(const Napi::CallbackInfo& info) {
  auto* w = new ListWorker(info.Env());
  Napi::Promise p = w->Promise();
  w->Queue();
  return p;
}

// scan(deviceId, { source, mode, dpi }, onPage) → Promise<pages>
Napi::Value Scan(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object opts = info[1].As<Napi::Object>();
  auto* w = new ScanWorker(env, info[0].As<Napi::String>().Utf8Value(), opts.Get("source").ToString().Utf8Value(),
                           opts.Get("mode").ToString().Utf8Value(), opts.Get("dpi").ToNumber().Int32Value(), info[2].As<Napi::Function>());
  Napi::Promise p = w->Promise();
  w->Queue();
  return p;
}

Napi::Value Cancel(const Napi::CallbackInfo& info) {
  g_cancel.store(true);
  return info.Env().Undefined();
}

}  // namespace

Napi::Object InitBackend(Napi::Env env, Napi::Object exports) {
  exports.Set("backend", "wia");
  exports.Set("init", Napi::Function::New(env, Init));
  exports.Set("exit", Napi::Function::New(env, Exit));
  exports.Set("listDevices", Napi::Function::New(env, ListDevices));
  exports.Set("scan", Napi::Function::New(env, Scan));
  exports.Set("cancel", Napi::Function::New(env, Cancel));
  return exports;
}

}  // namespace tiepnhan

#endif  // _WIN32
