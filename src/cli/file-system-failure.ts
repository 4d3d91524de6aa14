/**
 * A file or directory the user named (or that follows from a path they named) could not be read
 * or written: `mapc build --out /dev/null/x`, an unreadable input, a read-only output directory.
 * That is the user's environment, not a bug in mapc, so main reports it in one line that names the
 * path and exits 1, and keeps exit 70 for real bugs. Recognised are Node's system errors from the
 * file system: they carry an errno `code`, the `syscall` that failed and the `path` it failed on.
 */

/** The part of Node's ErrnoException that says which file operation failed, and on what. */
export interface FileSystemFailure {
  code: string
  syscall: string
  path: string
  dest?: string
}

const FILE_SYSCALLS = new Set([
  'access', 'chmod', 'chown', 'close', 'copyfile', 'cp', 'fstat', 'fsync', 'futime', 'lchown', 'link', 'lstat',
  'lutime', 'mkdir', 'mkdtemp', 'open', 'opendir', 'read', 'readlink', 'realpath', 'rename', 'rm', 'rmdir',
  'scandir', 'stat', 'symlink', 'unlink', 'utime', 'watch', 'write'
])

/** Why each common errno means the path cannot be used, in words. Others fall back to Node's own text. */
const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory, not a file',
  EEXIST: 'already exists',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ENOTEMPTY: 'the directory is not empty',
  EXDEV: 'cannot move across file systems',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is busy',
  EIO: 'input/output error'
}

export function asFileSystemFailure(error: unknown): FileSystemFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { code, syscall, path, dest } = error as Record<string, unknown>
  if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code)) return undefined
  if (typeof syscall !== 'string' || !FILE_SYSCALLS.has(syscall)) return undefined
  if (typeof path !== 'string') return undefined
  return { code, syscall, path, ...(typeof dest === 'string' ? { dest } : {}) }
}

/** `cannot write /dev/null/x/attio: a part of the path is not a directory (ENOTDIR)` */
export function describeFileSystemFailure(failure: FileSystemFailure): string {
  const reason = failure.syscall === 'mkdir' && failure.code === 'EEXIST' ? 'a file that is not a directory is in the way' : (REASONS[failure.code] ?? failure.code.toLowerCase())
  const target = failure.dest === undefined ? failure.path : `${failure.path} → ${failure.dest}`
  return `cannot ${verbOf(failure.syscall)} ${target}: ${reason} (${failure.code})`
}

function verbOf(syscall: string): string {
  switch (syscall) {
    case 'read':
    case 'readlink':
    case 'realpath':
      return 'read'
    case 'scandir':
    case 'opendir':
      return 'list the directory'
    case 'mkdir':
    case 'mkdtemp':
      return 'create the directory'
    case 'write':
    case 'fsync':
    case 'close':
    case 'copyfile':
    case 'cp':
    case 'link':
    case 'symlink':
    case 'rename':
    case 'chmod':
    case 'chown':
    case 'lchown':
    case 'utime':
    case 'futime':
    case 'lutime':
      return 'write'
    case 'unlink':
    case 'rm':
    case 'rmdir':
      return 'remove'
    case 'open':
      return 'open'
    default:
      return 'access'
  }
}
