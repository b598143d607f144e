/* Empty translation unit: mediasoup link_whole()s this stand-in; the real code comes from the Debian shared library. */
