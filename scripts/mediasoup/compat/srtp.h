// Adapter: the libsrtp 3.0.0-beta API that mediasoup's worker calls, on top of Debian's
// libsrtp2 (2.5). Placed first on the worker's include path as <srtp.h> by build.sh.
//
// Differences bridged (mediasoup 3.19.3):
// - srtp_protect/_rtcp take (in, in_len, out, &out_len, mki_index) with size_t lengths;
//   libsrtp2 works in place with an int* length. Copy into `out` first, then protect there.
// - srtp_unprotect/_rtcp take (in, in_len, out, &out_len); mediasoup passes in == out.
// - srtp_stream_remove is libsrtp2's srtp_remove_stream.
// - Two status codes that libsrtp2 lacks (values as in libsrtp 3).
// The overloads differ in arity from libsrtp2's C functions, so both stay callable.
#ifndef SAKSI_MEDIASOUP_SRTP_COMPAT_H
#define SAKSI_MEDIASOUP_SRTP_COMPAT_H

#include <srtp2/srtp.h>

#ifdef __cplusplus
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>

constexpr srtp_err_status_t srtp_err_status_buffer_small = static_cast<srtp_err_status_t>(28);
constexpr srtp_err_status_t srtp_err_status_cryptex_err = static_cast<srtp_err_status_t>(29);

namespace saksi_srtp_compat
{
	using InPlace = srtp_err_status_t (*)(srtp_t, void*, int*);

	inline srtp_err_status_t Apply(
	  InPlace fn, srtp_t ctx, const uint8_t* in, size_t inLen, uint8_t* out, size_t* outLen, size_t trailer)
	{
		if (inLen > INT_MAX || inLen + trailer > *outLen)
			return srtp_err_status_buffer_small;
		if (out != in)
			std::memmove(out, in, inLen);
		int len = static_cast<int>(inLen);
		const srtp_err_status_t err = fn(ctx, out, &len);
		if (err == srtp_err_status_ok)
			*outLen = static_cast<size_t>(len);
		return err;
	}
} // namespace saksi_srtp_compat

inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* rtp, size_t rtpLen, uint8_t* srtp, size_t* srtpLen, size_t /*mkiIndex*/)
{
	return saksi_srtp_compat::Apply(srtp_protect, ctx, rtp, rtpLen, srtp, srtpLen, SRTP_MAX_TRAILER_LEN);
}

inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx, const uint8_t* rtcp, size_t rtcpLen, uint8_t* srtcp, size_t* srtcpLen, size_t /*mkiIndex*/)
{
	return saksi_srtp_compat::Apply(
	  srtp_protect_rtcp, ctx, rtcp, rtcpLen, srtcp, srtcpLen, SRTP_MAX_TRAILER_LEN + 4 /* E flag + SRTCP index */);
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* srtp, size_t srtpLen, uint8_t* rtp, size_t* rtpLen)
{
	// Decryption only shrinks the packet.
	size_t capacity = srtpLen;
	const srtp_err_status_t err = saksi_srtp_compat::Apply(srtp_unprotect, ctx, srtp, srtpLen, rtp, &capacity, 0);
	if (err == srtp_err_status_ok)
		*rtpLen = capacity;
	return err;
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* srtcp, size_t srtcpLen, uint8_t* rtcp, size_t* rtcpLen)
{
	size_t capacity = srtcpLen;
	const srtp_err_status_t err =
	  saksi_srtp_compat::Apply(srtp_unprotect_rtcp, ctx, srtcp, srtcpLen, rtcp, &capacity, 0);
	if (err == srtp_err_status_ok)
		*rtcpLen = capacity;
	return err;
}

inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
	return srtp_remove_stream(session, ssrc);
}
#endif // __cplusplus

#endif // SAKSI_MEDIASOUP_SRTP_COMPAT_H
