"""Installable package for unseg. Written by hand (nbdev_new/quarto do not work offline).

Version ranges stay open so that a GPU user's own torch is kept; CI pins its versions in
requirements-ci.txt."""
from configparser import ConfigParser
from pathlib import Path
import setuptools

cfg = ConfigParser(delimiters=['='])
cfg.read(Path(__file__).parent / 'settings.ini')
c = cfg['DEFAULT']

setuptools.setup(
    name=c['lib_name'],
    version=c['version'],
    description=c['description'],
    long_description=(Path(__file__).parent / 'README.md').read_text(),
    long_description_content_type='text/markdown',
    author=c['author'],
    license='Apache-2.0',
    packages=setuptools.find_packages(include=['unseg', 'unseg.*']),
    python_requires='>=' + c['min_python'],
    install_requires=c['requirements'].split(),
    extras_require={'dev': c['dev_requirements'].split()},
    include_package_data=True,
    zip_safe=False,
)
