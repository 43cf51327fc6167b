; The Windows installer of Soạn Báo Cáo, built by scripts/package-windows.sh with Debian's makensis
; (Tauri's NSIS bundling downloads plugins at build time; docs/windows.md).
; Per user, no administrator rights: $LOCALAPPDATA\Programs\Soạn Báo Cáo, shortcuts in the Start
; menu and on the desktop, .baocao files opened by the app, an uninstaller that keeps the user's
; reports, templates and word list (%APPDATA%\vn.soanbaocao.app).
; Defines given by the script: VERSION (x.y.z), STAGE (folder with the files), OUTFILE.
Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!define APPNAME "Soạn Báo Cáo"
!define APPID "vn.soanbaocao.app"
!define EXE "soan-bao-cao.exe"
!define CLI "baocao.exe"
!define UNINSTALLER "go-cai-dat.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"
!define PROGID "SoanBaoCao.baocao"
; WebView2 Evergreen Runtime's client key (value "pv" = its version).
!define WV2_KEY "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "Software\${APPID}" "InstallDir"
BrandingText "${APPNAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1066 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileDescription" "Trình cài đặt ${APPNAME}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "Giấy phép MIT"

!include "MUI2.nsh"
!include "x64.nsh"
!define MUI_ICON "${STAGE}\icon.ico"
!define MUI_UNICON "${STAGE}\icon.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APPNAME}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${STAGE}\giay-phep.txt"
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APPNAME} cần Windows 64 bit (Windows 10 hoặc 11)." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  ; Per machine (the usual place), then per user.
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WV2_KEY}" "pv"
  StrCmp $0 "" 0 wv2ok
  ReadRegStr $0 HKCU "Software\${WV2_KEY}" "pv"
  StrCmp $0 "" 0 wv2ok
    MessageBox MB_ICONEXCLAMATION|MB_OK "Máy này chưa có Microsoft Edge WebView2 Runtime. ${APPNAME} vẫn được cài, nhưng cần WebView2 để mở cửa sổ: chạy Windows Update, hoặc nhờ cán bộ tin học cài WebView2 Runtime (bản Evergreen) của Microsoft." /SD IDOK
  wv2ok:
FunctionEnd

Section "Chương trình" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${STAGE}\${EXE}"
  File "${STAGE}\${CLI}"
  File "${STAGE}\WebView2Loader.dll"
  File "${STAGE}\icon.ico"
  File "${STAGE}\giay-phep.txt"
  File "${STAGE}\LICENSE-OFL.txt"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\icon.ico"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\Gỡ cài đặt ${APPNAME}.lnk" "$INSTDIR\${UNINSTALLER}"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\icon.ico"

  ; .baocao files open in the app (per user: HKCU\Software\Classes).
  WriteRegStr HKCU "Software\Classes\.baocao" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Báo cáo (${APPNAME})"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "Software\${APPID}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APPNAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Từ điển chính tả tiếng Việt (GPL-2)" SecDict
  SetOutPath "$INSTDIR\tu-dien"
  File "${STAGE}\tu-dien\vi_VN.aff"
  File "${STAGE}\tu-dien\vi_VN.dic"
  File "${STAGE}\tu-dien\NGUON.txt"
  File "${STAGE}\tu-dien\GPL-2.txt"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "Chương trình soạn báo cáo, lệnh baocao và phông chữ đi kèm."
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDict} "Từ điển Hunspell tiếng Việt để kiểm tra chính tả (giấy phép GPL-2, cài riêng). Bỏ chọn thì chương trình dùng từ điển của LibreOffice nếu máy có, không thì báo chưa kiểm tra chính tả."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "Uninstall"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\icon.ico"
  Delete "$INSTDIR\giay-phep.txt"
  Delete "$INSTDIR\LICENSE-OFL.txt"
  Delete "$INSTDIR\${UNINSTALLER}"
  Delete "$INSTDIR\tu-dien\vi_VN.aff"
  Delete "$INSTDIR\tu-dien\vi_VN.dic"
  Delete "$INSTDIR\tu-dien\NGUON.txt"
  Delete "$INSTDIR\tu-dien\GPL-2.txt"
  RMDir "$INSTDIR\tu-dien"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk"
  Delete "$SMPROGRAMS\${APPNAME}\Gỡ cài đặt ${APPNAME}.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  Delete "$DESKTOP\${APPNAME}.lnk"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  ReadRegStr $0 HKCU "Software\Classes\.baocao" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.baocao"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\${APPID}"
  ; The window's cache (WebView2's profile); the user's data in %APPDATA%\${APPID} stays.
  RMDir /r "$LOCALAPPDATA\${APPID}\EBWebView"
  RMDir "$LOCALAPPDATA\${APPID}"
SectionEnd
