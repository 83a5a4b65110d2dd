{
  "targets": [
    {
      "target_name": "tiepnhan_scanner",
      "sources": ["src/addon.cc"],
      "dependencies": ["<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"],
      "defines": ["NAPI_VERSION=8"],
      "conditions": [
        ["OS=='win'", {
          "sources": ["src/wia_backend.cc"],
          "libraries": ["ole32.lib", "oleaut32.lib", "uuid.lib"]
        }],
        ["OS!='win'", {
          "sources": ["src/sane_backend.cc"],
          "libraries": ["-lsane"]
        }]
      ]
    }
  ]
}
