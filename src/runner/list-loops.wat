;; The two loops of a large run's list work (runner/list-loops.ts), in WebAssembly: the same
;; steps as their JavaScript forms, mechanism/popularity.ts `scorePopularity` (one list) and
;; mechanism/random-insertion.ts `copyAroundPlaces` (with departures), which they must equal
;; entry for entry. At 1,000 lists of 100,000 entries each runs over a hundred million entries an
;; era, and here an entry's reads and writes need no bounds checks (the memory's guard pages
;; stand for them): about a quarter and a third faster than the JavaScript loops, measured alone.
;;
;; Every pointer is a byte offset into the imported memory, which the run's thread and its helper
;; share. After editing, `npm run wasm` writes list-loops-wasm.ts; a test checks they agree.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; points[list[r]] += n - r for every r below len (paper §4: m − rank + 1 with 0-based rank).
  (func (export "score") (param $list i32) (param $len i32) (param $points i32) (param $n i32)
    (local $end i32)
    (local $at i32)
    (local.set $end (i32.add (local.get $list) (i32.shl (local.get $len) (i32.const 2))))
    (block $done
      (br_if $done (i32.ge_u (local.get $list) (local.get $end)))
      (loop $next
        (local.set $at
          (i32.add (local.get $points) (i32.shl (i32.load (local.get $list)) (i32.const 2))))
        (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $list (i32.add (local.get $list) (i32.const 4)))
        (br_if $next (i32.lt_u (local.get $list) (local.get $end))))))

  ;; out: newcomer i at places[i] (ascending, places[j] = total), the entries of list whose flag
  ;; (a byte per slot) is 0 in order everywhere else.
  (func (export "copyAround")
    (param $out i32) (param $list i32) (param $flags i32) (param $newcomers i32) (param $places i32)
    (param $j i32) (param $total i32)
    (local $i i32)
    (local $p i32)
    (local $place i32)
    (local $slot i32)
    (block $placed
      (loop $each
        (local.set $place
          (if (result i32) (i32.lt_u (local.get $i) (local.get $j))
            (then (i32.load (i32.add (local.get $places) (i32.shl (local.get $i) (i32.const 2)))))
            (else (local.get $total))))
        ;; The old entries before the next place, the departed left out.
        (block $run
          (loop $copy
            (br_if $run (i32.ge_u (local.get $p) (local.get $place)))
            (local.set $slot (i32.load (local.get $list)))
            (local.set $list (i32.add (local.get $list) (i32.const 4)))
            (if (i32.eqz (i32.load8_u (i32.add (local.get $flags) (local.get $slot))))
              (then
                (i32.store
                  (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 2)))
                  (local.get $slot))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))))
            (br $copy)))
        (br_if $placed (i32.ge_u (local.get $i) (local.get $j)))
        (i32.store
          (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 2)))
          (i32.load (i32.add (local.get $newcomers) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))))
