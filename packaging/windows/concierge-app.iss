; Inno Setup 6 script of the Windows installer of the frozen desk.
;
; Built by `py -3.12 packaging\build.py windows` on a Windows machine (see
; the README, "Packaging and support"), which freezes the app into
; packaging\dist\concierge-app\ and then runs:
;   ISCC /DAppVersion=0.1.0 /DFrozenDir=...\packaging\dist\concierge-app
;        /O...\packaging\dist packaging\windows\concierge-app.iss
; The output is packaging\dist\concierge-app-<version>-setup.exe.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef FrozenDir
  #define FrozenDir "..\dist\concierge-app"
#endif

[Setup]
; The AppId ties upgrades and the uninstaller to this app; never change it.
AppId={{6B1F3C52-7A0E-4C51-9D64-2F3C8E7A9B10}
AppName=Concierge receiving desk
AppVersion={#AppVersion}
AppPublisher=Concierge desk team
DefaultDirName={autopf}\Concierge App
DefaultGroupName=Concierge receiving desk
DisableProgramGroupPage=yes
; Front-desk workstations are installed by an administrator, for all users.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=concierge-app-{#AppVersion}-setup
SetupIconFile=concierge-app.ico
UninstallDisplayIcon={app}\concierge-app.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Files]
Source: "{#FrozenDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; The administrator's template; the live file is
; C:\ProgramData\concierge-app\settings.toml (see the README).
Source: "..\..\docs\settings.example.toml"; DestDir: "{app}\doc"; Flags: ignoreversion

[Icons]
Name: "{group}\Concierge receiving desk"; Filename: "{app}\concierge-app.exe"
Name: "{autodesktop}\Concierge receiving desk"; Filename: "{app}\concierge-app.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
; A self-test after copying: its line goes to the support log. Inno Setup
; does not act on its exit status, so a failure shows only there.
Filename: "{app}\concierge-app-console.exe"; Parameters: "--self-test"; Flags: runhidden waituntilterminated; StatusMsg: "Checking the installation..."
Filename: "{app}\concierge-app.exe"; Description: "{cm:LaunchProgram,Concierge receiving desk}"; Flags: nowait postinstall skipifsilent
