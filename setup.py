"""Packages the top-level lessons/ tree as ``tutor.builtin_lessons`` (see pyproject.toml)."""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["tutor", "tutor.*"]), "tutor.builtin_lessons"],
    package_dir={"tutor.builtin_lessons": "lessons"},
)
