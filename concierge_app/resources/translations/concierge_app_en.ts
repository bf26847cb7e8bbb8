<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>Packages received: %n of {total}</source>
        <translation>
            <numerusform>Packages received: %n of {total}</numerusform>
            <numerusform>Packages received: %n of {total}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Packages still expected: %n</source>
        <translation>
            <numerusform>Packages still expected: %n</numerusform>
            <numerusform>Packages still expected: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n receipt(s), made by the receiving desk.</source>
        <translation>
            <numerusform>%n receipt, made by the receiving desk.</numerusform>
            <numerusform>%n receipts, made by the receiving desk.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message numerus="yes">
        <source>%n receipt(s) still queued, not yet sent.</source>
        <translation>
            <numerusform>%n receipt is still queued, not yet sent.</numerusform>
            <numerusform>%n receipts are still queued, not yet sent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message numerus="yes">
        <source>The note is too long: at most %n characters.</source>
        <translation>
            <numerusform>The note is too long: at most %n character.</numerusform>
            <numerusform>The note is too long: at most %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message numerus="yes">
        <source>The note is too long: at most %n characters.</source>
        <translation>
            <numerusform>The note is too long: at most %n character.</numerusform>
            <numerusform>The note is too long: at most %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhraseBook</name>
    <message numerus="yes">
        <source>Still missing in this shipment: {packages}.</source>
        <translation>
            <numerusform>Still missing in this shipment: {packages}.</numerusform>
            <numerusform>Still missing in this shipment: {packages}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShiftLists</name>
    <message numerus="yes">
        <source>Needs attention (%n)</source>
        <translation>
            <numerusform>Needs attention (%n)</numerusform>
            <numerusform>Needs attention (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShipmentPanel</name>
    <message numerus="yes">
        <source>{k} of {n} packages received; %n still expected.</source>
        <translation>
            <numerusform>{k} of {n} packages received; %n still expected.</numerusform>
            <numerusform>{k} of {n} packages received; %n still expected.</numerusform>
        </translation>
    </message>
</context>
</TS>
