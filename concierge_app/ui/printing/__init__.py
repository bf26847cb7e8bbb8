"""Printed matter drawn with Qt's painter: the sandbox's label sheet."""
